using Disambig.Grains;

namespace Disambig.TestSupport.Pipeline;

/// <summary>Waiting for a sweep of an in-process silo.</summary>
public static class SweepWait
{
    /// <summary>Polls the sweep <paramref name="sweepId"/> until it completes; <paramref name="timeout"/> is reached only by a hung pipeline.</summary>
    public static async Task<SweepProgress> UntilFinishedAsync(IGrainFactory grains, string sweepId, TimeSpan timeout)
    {
        var sweep = grains.GetGrain<ISweepGrain>(sweepId);
        using var cancel = new CancellationTokenSource(timeout);
        var progress = await sweep.GetProgress();
        while (!progress.IsFinished)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancel.Token);
            progress = await sweep.GetProgress();
        }
        return progress;
    }
}
