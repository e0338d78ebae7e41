using Disambig.Catalog.Demo;
using Disambig.Datasets.Recipes;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Networks;
using Disambig.Storage;
using Disambig.TestSupport;

namespace Disambig.Evaluation.Tests;

/// <summary>The whole evaluation on real audio: a small demo catalog and an untrained model checkpoint.</summary>
public sealed class EvaluatorTests(AzuriteContainer azurite) : IClassFixture<AzuriteContainer>, IDisposable
{
    private const string Version = "metric-d32-untrained";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<string> SaveUntrainedModelAsync()
    {
        var spec = NetworkSpec.PaperMetric(32, MelSettings.Paper.FramesFor(9));
        using var network = NetworkFactory.Create(spec, seed: 3);
        var metadata = new ModelProvenance(MelSettings.Paper, 9, "test").Describe(Version, spec, null, "sha256:none", new Dictionary<string, double>(), DateTimeOffset.UnixEpoch);
        await new ModelCheckpointStore(new LocalFolderBlobStore(_folder["models"])).SaveAsync(network, metadata, CancellationToken.None);
        return Path.Combine(_folder["models"], Version);
    }

    private Task GenerateCatalogAsync() => DemoCatalogGenerator.GenerateAsync(new DemoCatalogOptions
    {
        Artists = 6, TracksPerArtist = 4, AlbumsPerArtist = 1, MinTrackSeconds = 9.5, MaxTrackSeconds = 10,
        HomonymGroups = 2, Formats = [DemoAudioFormat.Wav], MaxParallelism = 2, Seed = 21,
    }, _folder["catalog"]);

    [Fact]
    public async Task Run_DemoCatalogAndUntrainedModel_WritesReportAndCalibratedThreshold()
    {
        await GenerateCatalogAsync();
        var model = await SaveUntrainedModelAsync();
        var options = new EvaluationOptions { TracksPerArtist = 4, ModelTracksPerArtist = 3, Folds = 2, SegmentsPerTrack = 2, CacheFolder = _folder["cache"] };

        var report = await new Evaluator(options).RunAsync(
            CatalogSource.FromLocal(_folder["catalog"]), [model], _folder["report"], null, null, CancellationToken.None);

        Assert.Equal((6, 24), (report.ClassificationSet.Artists, report.ClassificationSet.Tracks));
        Assert.InRange(report.ClassificationSet.Hours, 24 * 9.5 / 3600, 24 * 10.01 / 3600);
        Assert.Equal(2, report.HomonymGroups);
        var result = Assert.Single(report.Models);
        Assert.Equal((Version, "metric", 32), (result.Label, result.Kind, result.Dim));
        Assert.Equal((6, 6), (result.Classification!.Artists, result.Classification.TestTracks));
        Assert.InRange(result.Classification.Accuracy, 0, 1);
        Assert.Equal(2, result.Clustering!.Groups);
        // Every artist (a true id, 4 tracks) is also a one-artist name; the deployed threshold leaves all of them whole.
        Assert.Equal(6, result.Clustering.OneArtistNames);
        Assert.Equal(0.0, result.Clustering.DeployedOneArtistSplitShare);
        Assert.Equal(8, result.Clustering.Names!.Count);
        var written = await EvaluationReport.ReadAsync(Path.Combine(_folder["report"], EvaluationReport.JsonFileName), CancellationToken.None);
        Assert.Equal(result.Clustering.Names.Select(n => (n.Name, n.Clusters)), written.Models[0].Clustering!.Names!.Select(n => (n.Name, n.Clusters)));
        var metadata = await new ModelCheckpointStore(new LocalFolderBlobStore(_folder["models"])).ReadMetadataAsync(Version, CancellationToken.None);
        Assert.Equal(result.Clustering.Threshold, metadata.ClusteringThreshold);
        Assert.Equal((result.Clustering.SplitProbabilityA, result.Clustering.SplitProbabilityB, result.Clustering.MinSplitProbability),
            (metadata.SplitProbability!.A, metadata.SplitProbability.B, metadata.MinSplitProbability!.Value));
        Assert.True(File.Exists(Path.Combine(_folder["report"], EvaluationReport.MarkdownFileName)));
        Assert.Single(Directory.GetFiles(_folder["cache"], "*.jsonl"));

        var again = await new Evaluator(options).RunAsync(
            CatalogSource.FromLocal(_folder["catalog"]), [model], _folder["report2"], null, null, CancellationToken.None);
        Assert.Equal(result.Classification, again.Models[0].Classification);
    }

    [Fact]
    public async Task Run_CatalogInBlobContainer_GivesTheReportOfTheLocalFolder()
    {
        await GenerateCatalogAsync();
        var store = new AzureBlobStore(azurite.Container, "evaluation/");
        foreach (var file in Directory.EnumerateFiles(_folder["catalog"], "*", SearchOption.AllDirectories))
        {
            await using var content = File.OpenRead(file);
            await store.WriteAsync(Path.GetRelativePath(_folder["catalog"], file), content, CancellationToken.None);
        }
        var model = await SaveUntrainedModelAsync();
        var options = new EvaluationOptions { TracksPerArtist = 4, ModelTracksPerArtist = 3, Folds = 2, SegmentsPerTrack = 2 };

        var local = await new Evaluator(options).RunAsync(CatalogSource.FromLocal(_folder["catalog"]), [model], _folder["local"], null, null, CancellationToken.None);
        var fromBlob = await new Evaluator(options).RunAsync(CatalogSource.FromStore(store, "/"), [model], _folder["blob"], null, null, CancellationToken.None);

        Assert.Equal(local.CatalogDigest, fromBlob.CatalogDigest);
        Assert.Contains(azurite.Container.Name, fromBlob.Catalog);
        Assert.Equal(local.ClassificationSet, fromBlob.ClassificationSet);
        // The same audio gives the same vectors up to the summation order of batched inference.
        ClassificationResult a = local.Models[0].Classification!, b = fromBlob.Models[0].Classification!;
        Assert.Equal((a.Artists, a.TestTracks, a.Accuracy), (b.Artists, b.TestTracks, b.Accuracy));
        Assert.Equal(a.EqualErrorRate, b.EqualErrorRate, 6);
        ClusteringResult c = local.Models[0].Clustering!, d = fromBlob.Models[0].Clustering!;
        Assert.Equal((c.Groups, c.Tracks), (d.Groups, d.Tracks));
        Assert.Equal(c.MeanAmi, d.MeanAmi, 6);
        Assert.Equal(c.Threshold, d.Threshold, 5);
    }
}
