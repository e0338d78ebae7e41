using Disambig.Grains.Hosting;

namespace Disambig.Grains.Sweeps;

/// <summary>
/// When a running sweep partition pushes its progress to its coordinator (<see cref="ISweepGrain.PartitionProgressed"/>):
/// only when it changed, and at most once per <see cref="Interval"/> (so a partition sends about one small one-way
/// message a second while names complete, and none while nothing moves).
/// </summary>
public sealed class SweepProgressPush(TimeSpan interval)
{
    /// <summary>The longest a coordinator's view of a partition lags behind it while names complete: a second at most.</summary>
    public static TimeSpan IntervalFor(PipelineOptions options) =>
        TimeSpan.FromTicks(Math.Min(options.ProgressWriteInterval.Ticks, TimeSpan.FromSeconds(1).Ticks));

    private DateTimeOffset? _last;
    private (SweepState State, int Finished, int InFlight, int Embedded, int Cached, int Failed)? _sent;

    public TimeSpan Interval { get; } = interval;

    /// <summary>False while the interval since the last push has not passed (cheap: asked before the progress is computed).</summary>
    public bool MayPush(DateTimeOffset now) => _last is not { } last || now - last >= Interval;

    /// <summary>True (and remembered as sent) when <paramref name="progress"/> differs from the last one sent and the interval has passed.</summary>
    public bool Due(SweepPartitionProgress progress, DateTimeOffset now)
    {
        var c = progress.Counters;
        var key = (progress.State, c.NamesFinished, progress.NamesInFlight, c.TracksEmbedded, c.TracksCached, c.TracksFailed);
        if (key == _sent || !MayPush(now)) return false;
        (_sent, _last) = (key, now);
        return true;
    }
}
