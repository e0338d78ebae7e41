using Disambig.Grains;

namespace Disambig.Dashboard.Api;

/// <summary>
/// The sweep progress the JSON API answers, kept per sweep in this process so that a request does not wait for a grain
/// call: a snapshot younger than <see cref="Fresh"/> is answered as it is; an older one, up to <see cref="MaxStale"/>,
/// is answered too while one refresh (<see cref="ISweepGrain.GetProgress"/>) runs in the background for the next
/// request; only a request that finds none, or one older than <see cref="MaxStale"/>, waits for the grain (callers
/// that arrive meanwhile share that one call). A finished sweep's snapshot is final. Sweeps not started are not kept,
/// so a sweep that starts is seen at once; at most <see cref="MaxSweeps"/> sweeps are kept (the least recently
/// refreshed go first).
/// </summary>
public sealed class SweepProgressSnapshots(IGrainFactory grains, TimeProvider time)
{
    /// <summary>Age under which a snapshot is answered without refreshing it (the page polls once a second).</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);

    /// <summary>Age above which a request waits for a fresh snapshot instead of answering the one kept.</summary>
    public static readonly TimeSpan MaxStale = TimeSpan.FromSeconds(10);

    /// <summary>Most sweeps kept.</summary>
    public const int MaxSweeps = 256;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The sweep's progress: the kept snapshot when recent enough, else the grain's answer.</summary>
    public Task<SweepProgress> GetAsync(string sweepId)
    {
        var now = time.GetUtcNow();
        lock (_entries)
        {
            if (!_entries.TryGetValue(sweepId, out var entry))
            {
                entry = new Entry();
                _entries[sweepId] = entry;
            }
            if (entry.Progress is { } kept)
            {
                var age = now - entry.At;
                if (kept.IsFinished || age < Fresh) return Task.FromResult(kept);
                if (age < MaxStale)
                {
                    entry.Refresh ??= RefreshAsync(sweepId, entry);
                    return Task.FromResult(kept);
                }
            }
            return entry.Refresh ??= RefreshAsync(sweepId, entry);
        }
    }

    /// <summary>Sweeps kept now (bounded by <see cref="MaxSweeps"/>).</summary>
    public int Count
    {
        get
        {
            lock (_entries) return _entries.Count;
        }
    }

    private async Task<SweepProgress> RefreshAsync(string sweepId, Entry entry)
    {
        // Off the caller's lock and stack: the grain call runs as a task of its own.
        await Task.Yield();
        try
        {
            var progress = await grains.GetGrain<ISweepGrain>(sweepId).GetProgress();
            lock (_entries)
            {
                if (progress.State == SweepState.NotStarted) _entries.Remove(sweepId);
                else
                {
                    (entry.Progress, entry.At) = (progress, time.GetUtcNow());
                    Trim();
                }
            }
            return progress;
        }
        finally
        {
            lock (_entries) entry.Refresh = null;
        }
    }

    /// <summary>Drops the least recently refreshed snapshots above <see cref="MaxSweeps"/> (under the lock).</summary>
    private void Trim()
    {
        while (_entries.Count > MaxSweeps)
        {
            var oldest = _entries.Where(pair => pair.Value.Refresh is null).MinBy(pair => pair.Value.At);
            if (oldest.Key is null) return;
            _entries.Remove(oldest.Key);
        }
    }

    private sealed class Entry
    {
        public SweepProgress? Progress { get; set; }

        public DateTimeOffset At { get; set; }

        public Task<SweepProgress>? Refresh { get; set; }
    }
}
