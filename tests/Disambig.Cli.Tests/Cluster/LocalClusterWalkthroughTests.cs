using System.Globalization;
using System.Text.RegularExpressions;
using Disambig.Catalog;
using Disambig.Catalog.Demo;
using Disambig.Storage;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;

namespace Disambig.Cli.Tests.Cluster;

/// <summary>
/// The local cluster walkthrough of docs/operations.md, command for command, against two silo processes: upload,
/// training job, model registration and rollback, ingest, sweep, status, results and export; then the errors a user
/// meets. Every output is checked for the storage key, and so are the silos' logs.
/// </summary>
public sealed class LocalClusterWalkthroughTests(LocalClusterFixture cluster) : IClassFixture<LocalClusterFixture>
{
    [Fact]
    public async Task Walkthrough_UploadTrainRegisterSweepExportRollBack_EveryCommandSucceedsThroughTheCliOnly()
    {
        var folder = cluster.Catalog.Folder;
        var runs = new List<CliRun>();
        async Task<CliRun> Run(params string[] arguments)
        {
            var run = await cluster.RunAsync(arguments);
            runs.Add(run);
            Assert.True(run.ExitCode == 0, $"disambig {string.Join(' ', arguments)}: {run}\n--- silos ---\n{cluster.SiloOutput}");
            return run;
        }
        using var checkpoints = new TemporaryFolder();
        var tiny = await TinyModel.CreateAsync(new LocalFolderBlobStore(checkpoints.Path), cluster.Catalog);
        var files = cluster.Catalog.Tracks.Select(t => t.AudioPath).Distinct().Count() + 1;

        var upload = await Run("catalog", "upload", "--from", folder);
        var again = await Run("catalog", "upload", "--from", folder);
        await Run("catalog", "upload", "--from", folder, "--to", "datasets", "--prefix", "training");
        var job = await Run("job", "submit", "--dataset", "training/" + DemoCatalogGenerator.CatalogFileName, "--version", "trained-1", "--steps", "3", "--segment-seconds", "3", "--make-current");
        var jobs = await Run("job", "list");
        var registered = await Run("model", "register", "--from", Path.Combine(checkpoints.Path, TinyModel.Version),
            "--threshold", tiny.Threshold.ToString("R", CultureInfo.InvariantCulture), "--make-current");
        await Run("ingest", "--releases", Path.Combine(folder, DemoCatalogGenerator.CatalogFileName), "--catalog-root", folder);
        var sweep = await Run("sweep", "--dashboard-url", "none");
        var sweepId = Regex.Match(sweep.Output, @"Report: sweeps/(?<id>[^ ]+)\.json").Groups["id"].Value;
        var status = await Run("status", sweepId);
        var homonym = cluster.Catalog.HomonymNames.First();
        var results = await Run("results", homonym);
        var export = Path.Combine(checkpoints.Path, "splits.csv");
        await Run("export", "--out", export, "--all");
        var rollback = await Run("model", "use", "trained-1");
        var models = await Run("model", "list");

        Assert.Contains($"Uploaded {files} files", upload.Output);
        Assert.Contains($"Uploaded 0 files (0.0 MB); skipped {files} already there with the same size and MD5.", again.Output);
        Assert.Contains("train-trained-1: Completed, step 3/3", job.Output);
        Assert.Matches($@"Model trained-1 \(d = 32, threshold [0-9.]+\) registered; checkpoint in devstoreaccount1/{cluster.Settings.ContainerPrefix}models/trained-1/", job.Output);
        Assert.Matches(@"train-trained-1 +Completed +3/3 +trained-1", jobs.Output);
        Assert.Contains($"Registered model {TinyModel.Version} (metric, d = 32, 3 s segments", registered.Output);
        Assert.NotEmpty(sweepId);
        Assert.Contains($"{sweepId}: names", status.Output);
        Assert.Contains($"(model {TinyModel.Version},", Regex.Replace(results.Output, @"\s+", " "));
        var rows = await File.ReadAllLinesAsync(export);
        Assert.Equal(cluster.Catalog.Tracks.Count, rows.Length - 1);
        // Columns: ..., decision, model_version, review, decided_by, decided_at.
        Assert.All(rows.Skip(1), row => Assert.Equal(TinyModel.Version, row.Split(',')[^4]));
        Assert.Contains($"Model trained-1 is now current (was {TinyModel.Version})", rollback.Output);
        Assert.Matches(@"\* trained-1 ", models.Output);
        Assert.Matches($@"\n  {TinyModel.Version} ", models.Output);
        Assert.All(runs, run => Assert.DoesNotContain(cluster.AccountKey, run.Output));
        Assert.DoesNotContain(cluster.AccountKey, cluster.SiloOutput);
    }

    [Fact]
    public async Task JobSubmit_OfACatalogWithoutTrueArtists_FailsWithTheTrainersReasonInOneLine()
    {
        using var unlabelled = new TemporaryFolder();
        var tracks = cluster.Catalog.Tracks.Select(t => t with { TrueArtistId = null }).ToList();
        await CatalogJsonLines.WriteFileAsync(Path.Combine(unlabelled.Path, DemoCatalogGenerator.CatalogFileName), tracks);
        Assert.Equal(0, (await cluster.RunAsync("catalog", "upload", "--from", unlabelled.Path, "--to", "datasets", "--prefix", "unlabelled")).ExitCode);

        var run = await cluster.RunAsync("job", "submit", "--dataset", "unlabelled/" + DemoCatalogGenerator.CatalogFileName, "--version", "never", "--steps", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: training job train-never failed: No decodable track with a true artist id to train on. (Parameter 'tracks')", Assert.Single(run.Errors));
        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task JobSubmit_WhenTheDatasetsContainerIsMissing_SaysSoInOneLine()
    {
        var environment = cluster.Environment;
        environment["Disambig__ContainerPrefix"] = "nothing-here-";

        var run = await CliProcess.RunAsync(environment, "job", "submit", "--dataset", "training/catalog.jsonl", "--version", "v1");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: the datasets container devstoreaccount1/nothing-here-datasets does not exist; upload a labelled catalog first ('disambig catalog upload --to datasets').",
            Assert.Single(run.Errors));
        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task Commands_WithNoSiloUp_SayNoSiloAnswersInOneLine()
    {
        var environment = cluster.Environment;
        environment["Disambig__ClusterId"] = "no-silo-" + Guid.NewGuid().ToString("N")[..8];

        var releases = Path.Combine(cluster.Catalog.Folder, DemoCatalogGenerator.CatalogFileName);
        foreach (var arguments in (string[][])[["model", "list"], ["job", "list"], ["sweep", "--dashboard-url", "none"],
            ["ingest", "--releases", releases, "--catalog-root", cluster.Catalog.Folder]])
        {
            var run = await CliProcess.RunAsync(environment, arguments);

            Assert.NotEqual(0, run.ExitCode);
            Assert.StartsWith("error: no silo of the cluster answers", Assert.Single(run.Errors));
            AssertNoStackTrace(run);
        }
    }

    [Fact]
    public async Task Commands_WithAWrongConnectionString_NameTheProblemInOneLineWithoutTheKey()
    {
        var wrongKey = Regex.Replace(cluster.Settings.StorageConnection, "AccountKey=[^;]+", "AccountKey=" + Convert.ToBase64String(new byte[64]));
        var wrongKeyValue = Convert.ToBase64String(new byte[64]);

        var garbage = await cluster.RunAsync("model", "list", "--cluster-connection", "DefaultEndpointsProtocol=http;AccountKey=" + cluster.AccountKey);
        var refused = await cluster.RunAsync("catalog", "upload", "--from", cluster.Catalog.Folder, "--cluster-connection", wrongKey);
        var client = await cluster.RunAsync("model", "list", "--cluster-connection", wrongKey);

        Assert.StartsWith("error: the storage connection string is not valid", Assert.Single(garbage.Errors));
        Assert.StartsWith("error: storage refused the credentials of the connection string", Assert.Single(refused.Errors));
        Assert.StartsWith("error: storage refused the credentials of the connection string", Assert.Single(client.Errors));
        foreach (var run in (CliRun[])[garbage, refused, client])
        {
            Assert.Equal(1, run.ExitCode);
            AssertNoStackTrace(run);
            Assert.DoesNotContain(cluster.AccountKey, run.Output);
            Assert.DoesNotContain(wrongKeyValue, run.Output);
        }
    }

    private static void AssertNoStackTrace(CliRun run)
    {
        Assert.DoesNotContain("   at ", run.Output);
        Assert.DoesNotContain("Exception:", run.Output);
    }
}
