using Disambig.Grains.Hosting;
using Disambig.Grains.Placement;
using Disambig.Grains.Services;
using Disambig.Grains.Tracks;

namespace Disambig.Grains.Names;

/// <summary>
/// Asks every track of a name for its outcome with bounded concurrency. "No inference silo" and unreachable storage are
/// waited out without limit (the sweep pauses, nothing fails); other errors are retried a bounded number of times, then recorded as
/// <see cref="TrackFailureReason.Unexpected"/>; a transient failure answered by the track is asked again as often. Runs on the
/// caller's scheduler, with at most <see cref="PipelineOptions.TracksPerName"/> tasks however many tracks the name has.
/// </summary>
internal sealed class TrackGathering(PipelineOptions options)
{
    /// <param name="tracks">The name's tracks, in catalog order.</param>
    /// <param name="ask">Asks one track (a track grain call).</param>
    /// <param name="waiting">Told true while some track waits for an inference silo, false when tracks flow again.</param>
    /// <returns>One outcome per track, in the order of <paramref name="tracks"/>.</returns>
    public async Task<TrackOutcome[]> GatherAsync(
        IReadOnlyList<TrackRef> tracks, Func<TrackRef, Task<TrackOutcome>> ask, Action<bool> waiting, CancellationToken cancellationToken)
    {
        return await BoundedFanOut.RunAsync(tracks, options.TracksPerName, track => AskWithRetriesAsync(track, ask, waiting, cancellationToken));
    }

    private async Task<TrackOutcome> AskWithRetriesAsync(
        TrackRef track, Func<TrackRef, Task<TrackOutcome>> ask, Action<bool> waiting, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var outages = 0;
        while (true)
        {
            var delay = options.RetryDelay;
            try
            {
                var outcome = await ask(track);
                waiting(false);
                // A transient failure (a decode timeout on a busy node) is asked again, within the attempt limit.
                if (outcome.Failure?.Class != TrackFailureClass.Transient || ++attempts >= options.MaxTrackAttempts) return outcome;
            }
            catch (Exception e) when (IsNoInferenceSilo(e))
            {
                waiting(true);
            }
            catch (Exception e) when (StorageOutage.IsCause(e))
            {
                // Storage unreachable: waited out with a growing delay, never counted as the track's fault.
                delay = options.RetryDelay * Math.Pow(2, Math.Min(++outages, 10));
                if (delay > options.MaxRetryDelay) delay = options.MaxRetryDelay;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (++attempts >= options.MaxTrackAttempts)
                    return TrackOutcome.Failed(TrackFailures.Of(track, TrackFailureReason.Unexpected,
                        $"failed {attempts} times; last error: {e.GetType().Name}: {e.Message}"));
            }
            await Task.Delay(delay, cancellationToken);
        }
    }

    private static bool IsNoInferenceSilo(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is NoInferenceSiloException) return true;
        }
        return false;
    }
}
