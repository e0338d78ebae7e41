using System.CommandLine;
using Azure.Storage.Blobs;
using Disambig.Silo;

namespace Disambig.Cli.Pipeline;

/// <summary>
/// What the cluster commands (<c>catalog upload</c>, <c>job</c>, <c>model list|use|register</c>) share: the
/// <c>--cluster-connection</c> option, the cluster's settings from it and the <c>Disambig__</c> environment, its blob
/// containers, and one place where every error becomes one line.
/// </summary>
internal static class ClusterTarget
{
    /// <summary>Adds <c>--cluster-connection</c> (default: <see cref="PipelineTarget.ClusterVariable"/>) and returns its reader.</summary>
    public static Func<ParseResult, string?> AddOption(Command command)
    {
        var option = PipelineTarget.ClusterOption();
        command.Options.Add(option);
        return parse => parse.GetValue(option);
    }

    /// <summary>The cluster's settings: the connection and the cluster id, service id, container prefix and segment length of the silos' environment.</summary>
    /// <exception cref="CliUsageException">No connection string is given.</exception>
    public static ClusterSiloSettings Settings(string? connection) =>
        string.IsNullOrWhiteSpace(connection)
            ? throw new CliUsageException($"no cluster named: pass --cluster-connection or set {PipelineTarget.ClusterVariable} to the cluster's storage connection string.")
            : PipelineTarget.ClusterClientSettings(connection);

    /// <summary>The cluster's container for <paramref name="store"/> (catalog, datasets, models, results).</summary>
    public static BlobContainerClient Container(ClusterSiloSettings settings, string store) =>
        new BlobServiceClient(settings.StorageConnection).GetBlobContainerClient(settings.ContainerPrefix + store);

    /// <summary>Runs <paramref name="body"/> on the cluster's settings; any error becomes one line on <paramref name="output"/> and exit code 1.</summary>
    public static async Task<int> RunAsync(string? connection, TextWriter output, Func<ClusterSiloSettings, Task<int>> body)
    {
        try
        {
            return await body(Settings(connection));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            return await CliErrors.ReportAsync(output, e);
        }
    }
}
