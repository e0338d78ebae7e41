using System.CommandLine;
using System.Text;
using Disambig.Catalog;
using Disambig.Grains;
using Disambig.Silo;
using Disambig.Storage;

namespace Disambig.Cli.Pipeline;

/// <summary>
/// <c>disambig ingest --releases FILE.jsonl</c>: adds new tracks to the catalog and sweeps only the names they touch,
/// reusing every cached vector. The file is read as a stream and sent in batches, so its size is not bounded by memory.
/// It lies inside the catalog root, or is an object of the catalog container (<c>--releases-blob-connection</c>); its
/// audio paths are relative to its folder.
/// </summary>
internal static class IngestCommand
{
    /// <summary>Where the releases are: a local file under the catalog root, or an object of a blob container.</summary>
    /// <param name="Sweep">Sweep the touched names once ingested (false: ingest only; a later sweep covers them).</param>
    public sealed record Source(string Releases, string? BlobConnection = null, string Container = "catalog", int BatchSize = CatalogLimits.MaxBatchTracks, bool Sweep = true);

    public static Command Create()
    {
        var releases = new Option<string>("--releases")
        {
            Description = "JSON Lines file of new tracks (catalog.jsonl format) inside the catalog root; with --releases-blob-connection, its name in the container.",
            Required = true,
        };
        var connection = new Option<string?>("--releases-blob-connection") { Description = "Azure Storage connection string: read the releases from a blob container (the cluster's catalog container)." };
        var container = new Option<string>("--releases-container") { Description = "Blob container of the releases (with --releases-blob-connection).", DefaultValueFactory = _ => "catalog" };
        var batch = new Option<int>("--batch-size") { Description = $"Tracks sent per call (1 to {CatalogLimits.MaxBatchTracks}).", DefaultValueFactory = _ => CatalogLimits.MaxBatchTracks };
        var noSweep = new Option<bool>("--no-sweep") { Description = "Only ingest; do not sweep the touched names now (the next full sweep covers them)." };
        var command = new Command("ingest", "Add new releases to the catalog and sweep just the names they touch.") { releases, connection, container, batch, noSweep };
        var target = PipelineTarget.AddOptions(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            new Source(parse.GetRequiredValue(releases), parse.GetValue(connection), parse.GetRequiredValue(container), parse.GetValue(batch), !parse.GetValue(noSweep)),
            target(parse), Console.Out, cancellationToken));
        return command;
    }

    /// <inheritdoc cref="RunAsync(Source, PipelineTarget, TextWriter, CancellationToken)"/>
    public static Task<int> RunAsync(string releases, PipelineTarget target, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(new Source(releases), target, output, cancellationToken);

    /// <returns>0 on success; 2 when the file is invalid, missing or outside the catalog root; 1 when the cluster failed.</returns>
    public static async Task<int> RunAsync(Source source, PipelineTarget target, TextWriter output, CancellationToken cancellationToken)
    {
        if (source.BatchSize is < 1 or > CatalogLimits.MaxBatchTracks)
        {
            await output.WriteLineAsync($"error: --batch-size must lie in [1, {CatalogLimits.MaxBatchTracks}].");
            return 2;
        }
        var (opened, error) = Open(source, target);
        if (opened is null)
        {
            await output.WriteLineAsync($"error: {error}");
            return 2;
        }
        var (name, origin, prefix, open) = opened.Value;
        long sent = 0;
        try
        {
            await using var pipeline = await target.OpenAsync(cancellationToken);
            // The touched names go to the sweep as each batch returns them (a bounded buffer, not every name of the file);
            // a rerun after a failure continues the sweep the failed run registered (same origin), with the names it
            // had already added (they come back as awaiting a sweep).
            var sweep = source.Sweep ? new NamesSweepFeed(pipeline.Grains, origin: origin) : null;
            long added;
            try
            {
                using var reader = new StreamReader(await open(cancellationToken), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
                (_, added) = await pipeline.Grains.IngestAsync(CatalogJsonLines.ReadAsync(reader, name, cancellationToken),
                    (batch, token) => sweep?.AddAsync(batch.NamesToSweep, token) ?? Task.CompletedTask, prefix, source.BatchSize,
                    (read, _) => sent = read, cancellationToken);
            }
            catch (CatalogFormatException e)
            {
                // Still connected: the names of the batches before the bad line are swept now.
                await output.WriteLineAsync($"error: {e.Message}; the {sent} tracks before it were ingested{await SweepIngestedAsync(sweep)}: "
                    + "fix the file and run again (tracks already ingested are not added twice).");
                return 2;
            }
            if (sweep is null)
            {
                await output.WriteLineAsync($"Ingested {added} new or changed tracks; the next full sweep covers the names they touch.");
                return 0;
            }
            if (sweep.IsEmpty)
            {
                await output.WriteLineAsync($"Ingested {added} new or changed tracks touching 0 names.");
                return 0;
            }
            var started = await sweep.StartAsync(cancellationToken);
            await output.WriteLineAsync($"Ingested {added} new or changed tracks touching {started.NamesTotal} names.");
            await SweepProgressView.FollowAsync(SweepProgressView.ConsoleFor(output), pipeline.Grains, started.SweepId, cancellationToken);
            return 0;
        }
        catch (BlobNotFoundException e)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // Nothing sent: the cluster is down or unreachable (no silo answers, no gateway), said as every command says it.
            if (sent == 0) return await CliErrors.ReportAsync(output, e);
            await output.WriteLineAsync($"error: the cluster failed while ingesting ({e.GetType().Name}: {FirstLine(e.Message)}); "
                + $"the {sent} tracks sent before were ingested: run the same command again to continue.");
            return 1;
        }
    }

    /// <summary>
    /// After a bad line: starts the sweep of the names the ingested batches touched (a rerun of the fixed file touches
    /// again only those this sweep has not finished: they still await one), and says so; "" when there is none or it
    /// cannot start (then the rerun continues this registered sweep).
    /// </summary>
    private static async Task<string> SweepIngestedAsync(NamesSweepFeed? sweep)
    {
        if (sweep is null || sweep.IsEmpty) return "";
        try
        {
            var started = await sweep.StartAsync();
            return $" and sweep {started.SweepId} of the {started.NamesTotal} names they touch started ('disambig status {started.SweepId}')";
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException)
        {
            return " (their names are swept when the fixed file is ingested again, or by the next full sweep)";
        }
    }

    /// <summary>
    /// The releases' name in messages, their origin (the same on every run: the blob's location, or the file's path
    /// under the catalog root), the audio path prefix, and how to open them; or why they cannot be used.
    /// </summary>
    private static ((string Name, string Origin, string Prefix, Func<CancellationToken, Task<Stream>> Open)? Opened, string? Error) Open(Source source, PipelineTarget target)
    {
        if (source.BlobConnection is { } connection)
        {
            AzureBlobStore store;
            string blob;
            try
            {
                blob = BlobName.Validate(source.Releases.TrimStart('/'));
                store = AzureBlobStore.Connect(connection, source.Container);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                return (null, $"{source.Releases} in container {source.Container}: {e.Message}");
            }
            var folder = blob.Contains('/') ? blob[..(blob.LastIndexOf('/') + 1)] : "";
            var location = $"{store.Location.TrimEnd('/')}/{blob}";
            return ((location, location, folder, token => store.OpenReadAsync(blob, token)), null);
        }
        var root = target.CatalogFolder();
        var file = Path.GetFullPath(source.Releases);
        if (!File.Exists(file)) return (null, $"{source.Releases}: no such file; check the path.");
        var relative = Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace(Path.DirectorySeparatorChar, '/');
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            return (null, $"{source.Releases} is not inside the catalog root {root}, so its audio could not be found by the silos: pass its folder (or one above it) as --catalog-root.");
        var origin = "catalog:" + Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
        return ((source.Releases, origin, relative == "." ? "" : relative + "/", _ => Task.FromResult<Stream>(File.OpenRead(file))), null);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
