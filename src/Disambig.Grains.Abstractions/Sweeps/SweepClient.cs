using System.Runtime.CompilerServices;

namespace Disambig.Grains;

/// <summary>Starting name-list sweeps in bounded batches, reading outcomes page by page, and reporting a name's outcome.</summary>
public static class SweepClient
{
    /// <summary>
    /// Starts a sweep of <paramref name="names"/> however many: registers it with the scheduler, sends the names sorted by
    /// catalog partition in batches of at most <see cref="SweepLimits.MaxNamesPerCall"/> (<see cref="NamesSweepFeed"/>:
    /// at most <see cref="NamesSweepFeed.DefaultBufferNames"/> kept at once), then starts it.
    /// </summary>
    /// <param name="batchSize">Names per call: 1 to <see cref="SweepLimits.MaxNamesPerCall"/>.</param>
    public static async Task<SweepProgress> StartNamesSweepAsync(this IGrainFactory grains, IEnumerable<string> names,
        int batchSize = SweepLimits.MaxNamesPerCall, CancellationToken cancellationToken = default)
    {
        var feed = new NamesSweepFeed(grains, callSize: batchSize);
        await feed.AddAsync(names, cancellationToken);
        return await feed.StartAsync(cancellationToken);
    }

    /// <summary>Every outcome recorded so far by sweep <paramref name="sweepId"/>, read page by page from its result blobs.</summary>
    public static async IAsyncEnumerable<NameOutcome> ReadOutcomesAsync(this IGrainFactory grains, string sweepId, bool failuresOnly = false,
        int pageSize = 500, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sweep = grains.GetGrain<ISweepGrain>(sweepId);
        string? cursor = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await sweep.ReadOutcomes(cursor, pageSize, failuresOnly);
            foreach (var outcome in page.Outcomes) yield return outcome;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>A name tells the sweep partition (or, without one, the sweep) that started it that it is done (one-way).</summary>
    public static Task ReportOutcomeAsync(this IGrainFactory grains, NameRunRequest request, NameOutcome outcome) =>
        request.Partition is { } partition
            ? grains.GetGrain<ISweepPartitionGrain>(SweepKeys.Partition(request.SweepId, partition)).NameCompleted(outcome)
            : grains.GetGrain<ISweepGrain>(request.SweepId).NameCompleted(outcome);
}
