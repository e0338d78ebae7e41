using System.CommandLine;
using Disambig.Silo;
using Microsoft.Extensions.Configuration;

namespace Disambig.Cli.Pipeline;

/// <summary>
/// Where a pipeline command runs, and the options that say so, shared by every pipeline command: the embedded silo over
/// a work folder (<c>--work</c>) and a catalog root (<c>--catalog-root</c>), serving its dashboard at
/// <paramref name="DashboardUrl"/> when given; or a running cluster (<c>--cluster-connection</c>).
/// </summary>
/// <param name="Work">Work folder of the embedded silo: grain state, datasets, models, results.</param>
/// <param name="CatalogRoot">Folder the embedded silo resolves audio paths against; null: the demo catalog in the work folder.</param>
/// <param name="ClusterConnection">Storage connection string of a running cluster; null or blank: the embedded silo.</param>
/// <param name="DashboardUrl">Where the embedded silo serves its dashboard; null or <see cref="NoDashboard"/>: nowhere.</param>
internal sealed record PipelineTarget(string Work, string? CatalogRoot, string? ClusterConnection, string? DashboardUrl = null)
{
    /// <summary>Environment variable holding the storage connection string of a cluster to use instead of the embedded silo.</summary>
    public const string ClusterVariable = "DISAMBIG_CLUSTER_CONNECTION";

    /// <summary>Value of <see cref="DashboardOption"/> that serves no dashboard.</summary>
    public const string NoDashboard = "none";

    public static Option<string> WorkOption() => new("--work")
    {
        Description = "Work folder of the embedded silo: grain state, datasets, models, results.",
        DefaultValueFactory = _ => "disambig-work",
    };

    /// <summary>
    /// <c>--catalog-root</c>: always a local folder, the one the embedded silo reads audio from. (<c>--catalog</c> names a
    /// catalog to read: a folder holding catalog.jsonl, or that file; see the lab commands and <c>run</c>.)
    /// </summary>
    public static Option<string?> CatalogRootOption() => new("--catalog-root")
    {
        Description = "Catalog root folder of the embedded silo: ingested audio paths are relative to it; default: the demo catalog in the work folder.",
    };

    public static Option<string?> ClusterOption() => new("--cluster-connection")
    {
        Description = $"Azure Storage connection string of a running cluster (its membership table); default: ${ClusterVariable}; none: the embedded silo.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ClusterVariable),
    };

    public static Option<string> DashboardOption() => new("--dashboard-url")
    {
        Description = "Where the embedded silo serves its dashboard (page, JSON API, /orleans, /metrics, /health); port 0 picks a free port; "
            + $"'{NoDashboard}' serves nothing. Beyond loopback it needs a token in Disambig__Http__BearerToken.",
        DefaultValueFactory = _ => "http://127.0.0.1:0",
    };

    /// <summary>Adds <c>--work</c>, <c>--catalog-root</c> and <c>--cluster-connection</c> to <paramref name="command"/> and returns their reader.</summary>
    public static Func<ParseResult, PipelineTarget> AddOptions(Command command)
    {
        var work = WorkOption();
        var catalogRoot = CatalogRootOption();
        var cluster = ClusterOption();
        // The old spelling of --catalog-root, kept only to say so: --catalog names a catalog to read elsewhere.
        var renamed = new Option<string?>("--catalog") { Hidden = true };
        command.Options.Add(work);
        command.Options.Add(catalogRoot);
        command.Options.Add(cluster);
        command.Options.Add(renamed);
        return parse => parse.GetResult(renamed) is null
            ? new PipelineTarget(parse.GetRequiredValue(work), parse.GetValue(catalogRoot), parse.GetValue(cluster))
            : throw new CliUsageException($"'disambig {command.Name}' takes the embedded silo's catalog root as --catalog-root (it was --catalog): pass --catalog-root {parse.GetValue(renamed)}.");
    }

    /// <summary>The catalog root of a work folder when none is given: the demo catalog <c>disambig run</c> generates.</summary>
    public static string CatalogFolder(string work, string? catalogRoot) => Path.GetFullPath(catalogRoot ?? Path.Combine(work, "demo-catalog"));

    /// <summary>This target's catalog root folder.</summary>
    public string CatalogFolder() => CatalogFolder(Work, CatalogRoot);

    /// <summary>Connects to the cluster when a connection is given, else starts the embedded silo over the work folder and catalog root.</summary>
    public Task<PipelineConnection> OpenAsync(CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(ClusterConnection)
            ? PipelineConnection.OpenEmbeddedAsync(new EmbeddedPipelineSettings
            {
                WorkFolder = Path.GetFullPath(Work),
                CatalogFolder = CatalogFolder(),
                Http = DashboardUrl is null or NoDashboard ? null : http => http.Urls = DashboardUrl,
            }, cancellationToken)
            : PipelineConnection.OpenClusterAsync(ClusterClientSettings(ClusterConnection), cancellationToken);

    /// <summary>
    /// The cluster client's settings: the connection given, and the cluster id, service id and container prefix the
    /// silos use, from the same <c>Disambig__</c> environment variables (defaults when unset).
    /// </summary>
    public static ClusterSiloSettings ClusterClientSettings(string connection)
    {
        var settings = new ConfigurationBuilder().AddEnvironmentVariables().Build()
            .GetSection(ClusterSiloSettings.SectionName).Get<ClusterSiloSettings>() ?? new ClusterSiloSettings();
        settings.StorageConnection = connection;
        return settings;
    }
}
