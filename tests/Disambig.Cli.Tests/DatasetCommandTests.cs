using System.Text.Json;
using Disambig.Datasets.Recipes;
using Disambig.Embedding.Checkpoints;
using Disambig.TestSupport;

namespace Disambig.Cli.Tests;

/// <summary><c>dataset build</c> and <c>train</c> with the catalog, its audio and the datasets in a blob container (Azurite), as a cluster keeps them.</summary>
public sealed class DatasetCommandTests(AzuriteContainer azurite) : IClassFixture<AzuriteContainer>, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task BuildThenTrain_CatalogInBlobContainer_WritesTheDatasetsThereAndTrainsFromThem()
    {
        Assert.Equal(0, await Disambig("demo-catalog", "--out", _folder["catalog"], "--artists", "5", "--tracks-per-artist", "4", "--albums-per-artist", "2",
            "--homonym-groups", "0", "--duration-min", "10", "--duration-max", "11", "--seed", "5"));
        foreach (var file in Directory.EnumerateFiles(_folder["catalog"], "*", SearchOption.AllDirectories))
        {
            await azurite.Container.UploadBlobAsync("shelf/" + Path.GetRelativePath(_folder["catalog"], file), File.OpenRead(file));
        }

        var connection = AzuriteContainer.ConnectionString();
        var exitCode = await Disambig("dataset", "build", "--recipe", "unbalanced", "--samples-per-track", "1", "--no-test-split",
            "--catalog-blob-connection", connection, "--catalog-container", azurite.Container.Name, "--catalog", "shelf",
            "--blob-connection", connection, "--container", azurite.Container.Name, "--prefix", "built", "--cache", _folder["cache"]);

        Assert.Equal(0, exitCode);
        var report = (await azurite.Container.GetBlobClient("built/" + BuildReport.FileName).DownloadContentAsync()).Value.Content.ToObjectFromJson<BuildReport>(
            new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.NotNull(report);
        Assert.All(report.Splits, split => Assert.Empty(split.Skipped));
        Assert.Equal(20, report.Splits.Where(s => s.Name is SplitNames.Train or SplitNames.EarlyStopping).Sum(s => s.Tracks));

        Assert.Equal(0, await Disambig("train", "--dataset-blob-connection", connection, "--dataset-container", azurite.Container.Name, "--dataset", "built",
            "--out", _folder["model"], "--version", "from-blob", "--steps", "2", "--validation-interval", "1", "--artists-per-batch", "2",
            "--samples-per-artist", "2", "--validation-artists", "0.5", "--seed", "1"));
        Assert.True(File.Exists(Path.Combine(_folder["model"], "models", "from-blob", ModelCheckpointStore.MetadataName)));
    }

    [Fact]
    public async Task Build_NoCatalogInContainer_FailsWithUsageError()
    {
        var exitCode = await Disambig("dataset", "build", "--recipe", "unbalanced",
            "--catalog-blob-connection", AzuriteContainer.ConnectionString(), "--catalog-container", azurite.Container.Name, "--catalog", "nowhere/",
            "--out", _folder["datasets"]);

        Assert.Equal(2, exitCode);
        Assert.False(File.Exists(Path.Combine(_folder["datasets"], "unbalanced", BuildReport.FileName)));
    }

    private static Task<int> Disambig(params string[] args) => DisambigCommandLine.Create().Parse(args).InvokeAsync();
}
