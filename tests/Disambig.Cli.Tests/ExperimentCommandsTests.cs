using System.Text.Json;
using Disambig.Datasets;
using Disambig.Embedding.Checkpoints;
using Disambig.Evaluation;

namespace Disambig.Cli.Tests;

/// <summary>
/// The experiment's chain exactly as a user types it: demo catalogs, <c>dataset build</c>, <c>train</c>, <c>eval</c>,
/// on a few short tracks and two training steps, parsed by the real command line.
/// </summary>
public sealed class ExperimentCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("disambig-experiment-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task DatasetBuildTrainEval_TinyCatalogs_WriteDatasetModelAndReportWithCalibratedThreshold()
    {
        string training = Path.Combine(_folder, "catalog-train"), evaluation = Path.Combine(_folder, "catalog-eval");
        string datasets = Path.Combine(_folder, "datasets"), models = Path.Combine(_folder, "models"), report = Path.Combine(_folder, "eval");
        Assert.Equal(0, await Disambig("demo-catalog", "--out", training, "--artists", "6", "--tracks-per-artist", "4", "--albums-per-artist", "2",
            "--homonym-groups", "0", "--duration-min", "10", "--duration-max", "11", "--seed", "3"));
        Assert.Equal(0, await Disambig("demo-catalog", "--out", evaluation, "--artists", "5", "--tracks-per-artist", "4", "--albums-per-artist", "2",
            "--homonym-groups", "2", "--duration-min", "10", "--duration-max", "11", "--seed", "4"));

        string[] build = ["dataset", "build", "--recipe", "unbalanced", "--catalog", training, "--out", datasets, "--prefix", "tiny",
            "--samples-per-track", "2", "--train-fraction", "0.5", "--early-stopping-fraction", "0.5", "--no-test-split", "--seed", "1"];
        Assert.Equal(0, await Disambig(build));
        var manifest = await ReadManifestAsync(Path.Combine(datasets, "tiny", "train"));
        Assert.Equal(3, manifest.Artists.Count);
        var built = File.GetLastWriteTimeUtc(Path.Combine(datasets, "tiny", "train", SegmentDatasetManifest.FileName));
        Assert.Equal(0, await Disambig(build));
        Assert.Equal(built, File.GetLastWriteTimeUtc(Path.Combine(datasets, "tiny", "train", SegmentDatasetManifest.FileName)));

        Assert.Equal(0, await Disambig("train", "--dataset", Path.Combine(datasets, "tiny"), "--out", Path.Combine(models, "tiny-ml32"),
            "--version", "tiny-ml32", "--steps", "2", "--validation-interval", "1", "--artists-per-batch", "3", "--samples-per-artist", "2", "--seed", "1"));
        var model = Path.Combine(models, "tiny-ml32", "models", "tiny-ml32");
        Assert.True(File.Exists(Path.Combine(model, ModelCheckpointStore.MetadataName)), $"no model published in {model}");

        Assert.Equal(0, await Disambig("eval", "--model", model, "--catalog", evaluation, "--out", report, "--datasets", datasets,
            "--tracks-per-artist", "4", "--model-tracks", "3", "--folds", "2"));
        var written = await EvaluationReport.ReadAsync(Path.Combine(report, EvaluationReport.JsonFileName), CancellationToken.None);
        var evaluated = Assert.Single(written.Models);
        Assert.Equal("tiny-ml32", evaluated.Label);
        Assert.Equal("tiny/train", evaluated.TrainingSet?.Prefix.TrimEnd('/'));
        Assert.NotNull(evaluated.Classification);
        Assert.NotNull(evaluated.Clustering);
        Assert.True(File.Exists(Path.Combine(report, EvaluationReport.MarkdownFileName)));
        using var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, ModelCheckpointStore.MetadataName)));
        Assert.True(metadata.RootElement.TryGetProperty("clusteringThreshold", out var threshold) && threshold.GetDouble() > 0,
            "eval must write the calibrated threshold into meta.json");
    }

    [Fact]
    public async Task Train_InvalidVersion_FailsWithUsageErrorNamingIt()
    {
        var exitCode = await Disambig("train", "--dataset", _folder, "--out", Path.Combine(_folder, "out"), "--version", "../escape");

        Assert.Equal(2, exitCode);
        Assert.False(Directory.Exists(Path.Combine(_folder, "out", "models")));
    }

    private static Task<int> Disambig(params string[] args) => DisambigCommandLine.Create().Parse(args).InvokeAsync();

    private static async Task<SegmentDatasetManifest> ReadManifestAsync(string folder)
    {
        await using var stream = File.OpenRead(Path.Combine(folder, SegmentDatasetManifest.FileName));
        return (await JsonSerializer.DeserializeAsync<SegmentDatasetManifest>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }
}
