using System.CommandLine;
using System.Globalization;
using Disambig.Cli.Pipeline.Upload;

namespace Disambig.Cli.Pipeline;

/// <summary>
/// <c>disambig catalog upload</c>: copies a catalog folder (<c>catalog.jsonl</c> and the audio it names) into the
/// cluster's catalog container (or its datasets container, for a labelled training catalog), in parallel, with
/// progress; a rerun skips every blob already there with the same size and MD5, so an interrupted upload resumes.
/// </summary>
internal static class CatalogUploadCommand
{
    /// <summary>The cluster stores a catalog can be uploaded to.</summary>
    public enum Store
    {
        Catalog,
        Datasets,
    }

    /// <summary>What to upload where.</summary>
    /// <param name="Source">A catalog folder (with catalog.jsonl) or a JSON Lines catalog file.</param>
    /// <param name="To">The cluster's container: the catalog that sweeps read, or the datasets that training jobs read.</param>
    /// <param name="Prefix">Folder in the container ("" for its root).</param>
    /// <param name="Parallelism">Files copied at once.</param>
    public sealed record Request(string Source, Store To, string Prefix, int Parallelism);

    public static Command Create()
    {
        var source = new Option<string>("--from") { Description = "Catalog folder holding catalog.jsonl and its audio (or a JSON Lines catalog file).", Required = true };
        var to = new Option<Store>("--to") { Description = "catalog (what sweeps read) or datasets (labelled catalogs for training jobs).", DefaultValueFactory = _ => Store.Catalog };
        var prefix = new Option<string>("--prefix") { Description = "Folder in the container to upload under (default: its root).", DefaultValueFactory = _ => "" };
        var parallelism = new Option<int>("--parallelism") { Description = "Files copied at once (1 to 64).", DefaultValueFactory = _ => 8 };
        var upload = new Command("upload", "Copy a catalog folder (catalog.jsonl and its audio) into the cluster's storage; resumable, skips files already there.")
        {
            source, to, prefix, parallelism,
        };
        var cluster = ClusterTarget.AddOption(upload);
        upload.SetAction((parse, cancellationToken) => RunAsync(
            new Request(parse.GetRequiredValue(source), parse.GetValue(to), parse.GetRequiredValue(prefix), parse.GetValue(parallelism)),
            cluster(parse), parse.InvocationConfiguration.Output, cancellationToken));
        return new Command("catalog", "A cluster's catalog.") { upload };
    }

    /// <returns>0 when every file is in the container; 1 with one line naming the problem otherwise.</returns>
    public static Task<int> RunAsync(Request request, string? connection, TextWriter output, CancellationToken cancellationToken) =>
        ClusterTarget.RunAsync(connection, output, async settings =>
        {
            var plan = await CatalogUploadPlan.BuildAsync(request.Source, request.Prefix, cancellationToken);
            var container = ClusterTarget.Container(settings, request.To.ToString().ToLowerInvariant());
            var where = $"{container.AccountName}/{container.Name}/{request.Prefix.Trim('/')}";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Uploading {plan.Tracks} tracks: {plan.Items.Count} files ({Megabytes(plan.TotalBytes)}) to {where}, {request.Parallelism} at once."));
            foreach (var missing in plan.Missing)
                await output.WriteLineAsync($"warning: {missing} is named by the catalog but not in the folder; its track will fail as FileNotFound.");
            var summary = await new BlobFolderUploader(container, request.Parallelism).UploadAsync(plan.Items, new Lines(output), cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Uploaded {summary.Copied} files ({Megabytes(summary.BytesCopied)}); skipped {summary.Skipped} already there with the same size and MD5."));
            return 0;
        });

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB");

    /// <summary>A line at each tenth of the files (reports arrive from several threads).</summary>
    private sealed class Lines(TextWriter output) : IProgress<UploadProgress>
    {
        private readonly Lock _lock = new();
        private int _lastTenth;

        public void Report(UploadProgress value)
        {
            lock (_lock)
            {
                var tenth = value.FilesDone * 10 / Math.Max(1, value.FilesTotal);
                if (tenth <= _lastTenth) return;
                _lastTenth = tenth;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {value.FilesDone}/{value.FilesTotal} files, {value.FilesSkipped} skipped, {Megabytes(value.BytesCopied)} copied"));
            }
        }
    }
}
