using Disambig.Cli.Tests.Cluster;
using Disambig.TestSupport;

namespace Disambig.Cli.Tests;

/// <summary>
/// A command that fails, run as a user runs it (the built <c>disambig</c> process): one line, <c>error: ...</c>, naming
/// what failed and what to do, no stack trace, a non-zero exit. Storage down is a port nothing listens on; the cluster's
/// own failures (no silo answers, refused credentials) are in <c>LocalClusterWalkthroughTests</c>.
/// </summary>
public sealed class ErrorLineTests : IDisposable
{
    /// <summary>The emulator's public development key (not a secret), on endpoints where nothing listens.</summary>
    private const string StorageDown = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
        + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + "BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string[]> Failures => new()
    {
        { "missing.wav: file not found", ["features", "--input", "missing.wav", "--out", "x.npy"] },
        { "no catalog file there", ["eval", "--model", "no-model", "--catalog", "no-catalog", "--out", "report"] },
        { "missing.npy: file not found", ["cluster", "--embeddings", "missing.npy", "--threshold", "1"] },
        { "no manifest.json", ["train", "--dataset", "no-dataset", "--out", "training"] },
        { "--head chooses the metric network's head; the classifier has none to choose.", ["train", "--dataset", "no-dataset", "--out", "training", "--kind", "classifier", "--head", "channels"] },
        { "missing.jsonl: no such file; check the path.", ["ingest", "--releases", "missing.jsonl", "--work", "work"] },
        { "no-catalog: no such catalog file, nor a folder holding catalog.jsonl.", ["run", "--catalog", "no-catalog", "--work", "work", "--dashboard-url", "none"] },
        { "the storage connection string is not valid", ["sweep", "--cluster-connection", "not-a-connection-string"] },
        { "no cluster named: pass --cluster-connection or set DISAMBIG_CLUSTER_CONNECTION", ["job", "list"] },
        { "no checkpoint folder", ["model", "register", "--from", "no-checkpoint", "--cluster-connection", StorageDown] },
        { "storage is unreachable (Connection refused", ["job", "list", "--cluster-connection", StorageDown] },
        { "storage is unreachable (Connection refused", ["train", "--dataset", "x", "--dataset-blob-connection", StorageDown, "--out", "training"] },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Command_ThatFails_PrintsOneErrorLineNamingTheProblemAndExitsNonZero(string problem, string[] arguments)
    {
        var run = await CliProcess.RunAsync(new Dictionary<string, string>(), [.. arguments.Select(Rooted)]);

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(problem, line);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.DoesNotContain("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq", run.Output);
    }

    [Theory]
    [InlineData("error: Option '--dataset' is required. See 'disambig job submit --help'.", "job", "submit", "--version", "v1")]
    [InlineData("error: Required command was not provided. Unrecognized command or argument 'swep'. See 'disambig --help'.", "swep")]
    [InlineData("error: Cannot parse argument 'many' for option '--steps' as expected type 'System.Int32'. See 'disambig train --help'.", "train", "--dataset", "d", "--out", "o", "--steps", "many")]
    public async Task CommandLine_ThatDoesNotParse_IsOneLineNamingTheProblemAndTheHelpToRead(string expected, params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await DisambigCommandLine.RunAsync(arguments, output, error);

        Assert.Equal(2, exitCode);
        Assert.Equal(expected, error.ToString().TrimEnd());
        Assert.Empty(output.ToString());
    }

    [Theory]
    [InlineData("sweep")]
    [InlineData("status", "some-sweep")]
    [InlineData("results", "Some Name")]
    [InlineData("export", "--out", "splits.csv")]
    public async Task PipelineCommand_GivenTheOldCatalogSpelling_SaysToPassCatalogRoot(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await DisambigCommandLine.RunAsync([.. arguments, "--catalog", "/data/catalog"], output, error);

        Assert.Equal(1, exitCode);
        Assert.Equal($"error: 'disambig {arguments[0]}' takes the embedded silo's catalog root as --catalog-root (it was --catalog): pass --catalog-root /data/catalog.",
            error.ToString().TrimEnd());
    }

    /// <summary>Relative paths of the arguments land in this test's folder (the process runs in the build output).</summary>
    private string Rooted(string argument) =>
        argument is "missing.wav" or "no-model" or "no-catalog" or "report" or "missing.npy" or "no-dataset" or "training" or "missing.jsonl" or "work" or "no-checkpoint"
            ? _folder[argument]
            : argument;
}
