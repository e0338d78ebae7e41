using System.Globalization;
using System.Text.Json;
using Disambig.Audio;
using Disambig.Catalog;
using Disambig.Storage;

namespace Disambig.Datasets.Recipes;

/// <summary>
/// Writes the datasets of a <see cref="DatasetPlan"/> to a store, one prefix per split, then (unbalanced recipe) the
/// two balanced versions of the training split. Resumable and idempotent: a split whose <c>report.json</c> names the
/// same plan digest is left as it is; an interrupted split keeps its full shards and replays the journal of the tracks
/// they hold. A track whose audio fails (<see cref="AudioDecodeException"/>) is skipped and reported, never fatal.
/// </summary>
/// <param name="store">Receives the datasets.</param>
/// <param name="catalog">Where the planned tracks' audio is read.</param>
/// <param name="cacheFolder">Receives shards downloaded from blob storage when the balanced versions read the training split.</param>
public sealed class DatasetBuilder(IBlobStore store, ITrackSegmentSource source, CatalogSource catalog, string cacheFolder)
{
    /// <summary>Reads the catalog (a local folder or a blob container), plans the recipe and builds it.</summary>
    /// <exception cref="CatalogFormatException">The catalog file is malformed.</exception>
    /// <exception cref="BlobNotFoundException">There is no catalog file.</exception>
    /// <exception cref="RecipePlanException">The catalog cannot give the recipe.</exception>
    public static async Task<BuildReport> BuildFromCatalogAsync(
        CatalogSource catalog, RecipeOptions options, IBlobStore store, string prefix, ITrackSegmentSource source, string cacheFolder,
        IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        var (tracks, digest) = await catalog.ReadAsync(cancellationToken);
        var plan = RecipePlanner.Plan(tracks, options);
        return await new DatasetBuilder(store, source, catalog, cacheFolder).BuildAsync(plan, options, prefix, digest, progress, cancellationToken);
    }

    /// <param name="prefix">Prefix of the build in the store ("" or ending with '/'); split s goes to <c>{prefix}{s}/</c>.</param>
    /// <param name="catalogDigest">See <see cref="CatalogSource.ReadAsync"/>; enters every plan digest.</param>
    public async Task<BuildReport> BuildAsync(
        DatasetPlan plan, RecipeOptions options, string prefix, string catalogDigest, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        BlobName.ValidatePrefix(prefix);
        var reports = new List<SplitReport>();
        foreach (var split in plan.Splits)
        {
            reports.Add(await BuildSplitAsync(split, plan.Settings, options, prefix, catalogDigest, progress, cancellationToken));
        }
        if (plan.Recipe == DatasetRecipe.Unbalanced && reports.FirstOrDefault(r => r.Name == SplitNames.Train) is { } train)
        {
            var versions = new BalancedVersionWriter(store, cacheFolder, options);
            reports.Add(await versions.WriteAsync(train, SplitNames.TrainCutDown, prefix, progress, cancellationToken));
            reports.Add(await versions.WriteAsync(train, SplitNames.TrainRepeated, prefix, progress, cancellationToken));
        }
        var report = new BuildReport(DatasetRecipes.NameOf(plan.Recipe), prefix, catalogDigest, plan.Settings, reports);
        await store.WriteAsync(prefix + BuildReport.FileName, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(report, SplitReport.Json)), cancellationToken);
        return report;
    }

    private async Task<SplitReport> BuildSplitAsync(
        SplitPlan split, IReadOnlyDictionary<string, string> settings, RecipeOptions options, string prefix, string catalogDigest,
        IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        var splitPrefix = $"{prefix}{split.Name}/";
        var planDigest = split.Digest(settings, catalogDigest);
        if (await CompletedSplit.FindAsync(store, splitPrefix, planDigest, cancellationToken) is { } complete)
        {
            progress?.Report(new BuildProgress(split.Name, split.Tracks.Count, split.Tracks.Count, complete.Segments, complete.Skipped.Count));
            return complete;
        }

        var frames = MelSpectrogram.FrameCount((long)Math.Round(split.SegmentSeconds * MelSpectrogram.SampleRate));
        var writer = await SegmentDatasetWriter.OpenAsync(store, splitPrefix, frames, MelSpectrogram.MelBands, options.ShardCapacity, planDigest, cancellationToken);
        var journal = await BuildJournal.OpenAsync(store, splitPrefix, cancellationToken);
        var artists = new ArtistNumbering(split.ArtistTags);
        var skipped = new List<SkippedTrack>();
        int journalledShards = writer.ShardCount, tracksWithSegments = 0, done = 0;

        async Task ConsumeAsync(int index, TrackOutcome outcome)
        {
            var planned = split.Tracks[index];
            if (outcome is TrackOutcome.Replayed replayed && replayed.Entry.FirstSegment != writer.Count)
                outcome = await ReadAsync(planned, cancellationToken);
            switch (outcome)
            {
                case TrackOutcome.Failed failed:
                    skipped.Add(new SkippedTrack(planned.Track.TrackId, failed.Reason, failed.Detail));
                    journal.Record(new JournalEntry(index, writer.Count, 0, planned.Track.TrackId, failed.Reason, failed.Detail));
                    break;
                case TrackOutcome.Replayed replay:
                    journal.Record(replay.Entry);
                    await AddAsync(planned, replay.Entry.Segments, _ => ReadOnlyMemory<float>.Empty);
                    break;
                case TrackOutcome.Read read:
                    journal.Record(new JournalEntry(index, writer.Count, read.Segments.Count, planned.Track.TrackId, null, null));
                    await AddAsync(planned, read.Segments.Count, read.Segments.Segment);
                    break;
            }
            if (writer.ShardCount > journalledShards)
            {
                journalledShards = writer.ShardCount;
                await journal.SaveAsync(journalledShards - 1, cancellationToken);
            }
            progress?.Report(new BuildProgress(split.Name, ++done, split.Tracks.Count, writer.Count, skipped.Count));
        }

        async Task AddAsync(PlannedTrack planned, int count, Func<int, ReadOnlyMemory<float>> segment)
        {
            var artist = artists.IndexOf(planned.Artist);
            var track = new TrackEntry(planned.Track.TrackId, planned.Track.ArtistName);
            for (int k = 0; k < count; k++)
            {
                await writer.AddAsync(artist, track, writer.IsStored(writer.Count) ? ReadOnlyMemory<float>.Empty : segment(k), cancellationToken);
            }
            if (count > 0) tracksWithSegments++;
        }

        Task<TrackOutcome> Start(int index, CancellationToken token) =>
            journal.Saved.TryGetValue(index, out var entry) && entry.FirstSegment + entry.Segments <= writer.StoredSegments
                ? Task.FromResult<TrackOutcome>(entry.FailureReason is { } reason
                    ? new TrackOutcome.Failed(reason, entry.FailureDetail ?? "")
                    : new TrackOutcome.Replayed(entry))
                : Task.Run(() => ReadAsync(split.Tracks[index], token), token);

        await OrderedPipeline.RunAsync(split.Tracks.Count, options.MaxParallelism, Start, ConsumeAsync, cancellationToken);

        var recipe = new SortedDictionary<string, string>(settings.ToDictionary(), StringComparer.Ordinal)
        {
            ["split"] = split.Name,
            ["planDigest"] = planDigest,
            ["catalogDigest"] = catalogDigest,
            ["tracks"] = tracksWithSegments.ToString(CultureInfo.InvariantCulture),
            ["skippedTracks"] = skipped.Count.ToString(CultureInfo.InvariantCulture),
        };
        var manifest = await writer.CompleteAsync(artists.Entries, recipe, cancellationToken);
        var report = new SplitReport(split.Name, splitPrefix, planDigest, manifest.Digest, artists.Entries.Count, tracksWithSegments, manifest.SegmentCount, split.SegmentSeconds, skipped);
        await CompletedSplit.SaveAsync(store, report, cancellationToken);
        return report;
    }

    private async Task<TrackOutcome> ReadAsync(PlannedTrack planned, CancellationToken cancellationToken)
    {
        try
        {
            return new TrackOutcome.Read(await catalog.DecodeAudioAsync(
                planned.Track, path => source.ReadAsync(path, planned.Sampling, cancellationToken), cancellationToken));
        }
        catch (AudioDecodeException e)
        {
            return new TrackOutcome.Failed(e.Reason.ToString(), e.Message);
        }
    }
}

/// <summary>A track's result on its way from the decoder to the writer.</summary>
internal abstract record TrackOutcome
{
    /// <summary>Segments decoded now.</summary>
    public sealed record Read(TrackSegments Segments) : TrackOutcome;

    /// <summary>Segments already stored by an earlier run, as its journal says.</summary>
    public sealed record Replayed(JournalEntry Entry) : TrackOutcome;

    /// <summary>The audio gave no segment.</summary>
    public sealed record Failed(string Reason, string Detail) : TrackOutcome;
}
