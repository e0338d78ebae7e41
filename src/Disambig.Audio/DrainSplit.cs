namespace Disambig.Audio;

/// <summary>
/// How many processes the last tracks of a burst go into (issue 14, seventh round): the pure rule of
/// <see cref="DecodeBatcher"/> for the moment a run ends while at most one batch of tracks waits (no more are coming
/// behind them). Started as one run on the freed slot, such a batch would run alone at the end while the other slots'
/// runs finish and their cores idle; so it is spread over the freed slots and over the runs in progress that will end
/// soon: those that have run at least half as long as the ended run took for the same number of tracks. A run in
/// progress that has barely started keeps its core busy as long as the whole batch would, so the batch is not split for
/// it (that would only add a process start, about 55 ms of CPU).
/// </summary>
internal static class DrainSplit
{
    /// <summary>A run in progress: how long it has run and how many tracks it decodes.</summary>
    public readonly record struct Running(TimeSpan Elapsed, int Tracks);

    /// <summary>
    /// The processes to start for <paramref name="waiting"/> tracks (1 to <paramref name="waiting"/>): the free slots plus
    /// the runs of <paramref name="inProgress"/> that will end soon, compared with the run that just ended
    /// (<paramref name="endedDuration"/> for <paramref name="endedTracks"/> tracks).
    /// </summary>
    public static int Runs(int waiting, int freeSlots, TimeSpan endedDuration, int endedTracks, IEnumerable<Running> inProgress)
    {
        if (waiting <= 1)
            return 1;
        var slots = Math.Max(1, freeSlots);
        foreach (var run in inProgress)
        {
            // Expected length of this run: the ended run's time per track times its tracks; it ends soon once half of
            // that has passed (compared as products, no division).
            if (run.Elapsed.Ticks * 2 * (double)endedTracks >= endedDuration.Ticks * (double)run.Tracks)
                slots++;
        }
        return Math.Min(slots, waiting);
    }
}
