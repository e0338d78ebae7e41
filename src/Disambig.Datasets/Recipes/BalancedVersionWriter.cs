using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Disambig.Storage;

namespace Disambig.Datasets.Recipes;

/// <summary>Writes (A) cut-down and (B) repeated copies of a written training split (see <see cref="BalancedVersions"/>).</summary>
internal sealed class BalancedVersionWriter(IBlobStore store, string cacheFolder, RecipeOptions options)
{
    public async Task<SplitReport> WriteAsync(SplitReport source, string name, string prefix, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        var splitPrefix = $"{prefix}{name}/";
        var planText = $"disambig-balanced-version/1\n{name}\n{source.DatasetDigest}\n{options.BalanceCount?.ToString(CultureInfo.InvariantCulture) ?? "extremes"}\n{options.Seed}\n";
        var planDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(planText)));
        if (await CompletedSplit.FindAsync(store, splitPrefix, planDigest, cancellationToken) is { } done) return done;

        using var dataset = await ShardedSegmentDataset.OpenAsync(store, source.Prefix, cacheFolder, cancellationToken);
        var labels = dataset.Labels;
        var selection = name == SplitNames.TrainCutDown
            ? BalancedVersions.CutDown(labels, options.BalanceCount, options.Seed)
            : BalancedVersions.Repeated(labels, options.BalanceCount, options.Seed);
        var writer = await SegmentDatasetWriter.OpenAsync(store, splitPrefix, dataset.Frames, dataset.MelBands, options.ShardCapacity, planDigest, cancellationToken);
        var artists = new ArtistNumbering(labels.Artists.ToDictionary(a => a.Name, a => a.Tags, StringComparer.Ordinal));
        var buffer = new float[dataset.Frames * dataset.MelBands];
        foreach (var segment in selection)
        {
            var artist = artists.IndexOf(labels.Artists[labels.ArtistOf(segment)].Name);
            if (writer.IsStored(writer.Count))
            {
                await writer.AddAsync(artist, dataset.TrackOf(segment), ReadOnlyMemory<float>.Empty, cancellationToken);
                continue;
            }
            await dataset.ReadSegmentsAsync(new[] { segment }, buffer, cancellationToken);
            await writer.AddAsync(artist, dataset.TrackOf(segment), buffer, cancellationToken);
            if (writer.Count % options.ShardCapacity == 0) progress?.Report(new BuildProgress(name, writer.Count, selection.Count, writer.Count, 0));
        }
        progress?.Report(new BuildProgress(name, selection.Count, selection.Count, writer.Count, 0));
        var recipe = new SortedDictionary<string, string>(dataset.Manifest.Recipe.ToDictionary(), StringComparer.Ordinal)
        {
            ["split"] = name,
            ["planDigest"] = planDigest,
            ["sourceDigest"] = source.DatasetDigest,
            ["balanceCount"] = (selection.Count / Math.Max(1, artists.Entries.Count)).ToString(CultureInfo.InvariantCulture),
        };
        var manifest = await writer.CompleteAsync(artists.Entries, recipe, cancellationToken);
        var report = new SplitReport(name, splitPrefix, planDigest, manifest.Digest, artists.Entries.Count, null, manifest.SegmentCount, source.SegmentSeconds, []);
        await CompletedSplit.SaveAsync(store, report, cancellationToken);
        return report;
    }
}
