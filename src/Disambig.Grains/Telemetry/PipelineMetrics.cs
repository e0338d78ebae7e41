using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Disambig.Grains.Telemetry;

/// <summary>
/// The pipeline's instruments, on one meter named <see cref="MeterName"/> created from the host's
/// <see cref="IMeterFactory"/> (exported with OpenTelemetry, served for Prometheus at <c>/metrics</c>). One singleton per
/// silo (registered by <c>AddDisambigPipeline</c>); grains and services take it by constructor and record through
/// one-line calls.
/// </summary>
public sealed class PipelineMetrics
{
    public const string MeterName = "Disambig";

    /// <summary>Completed sweeps kept on the progress gauge besides the running ones (bounds the series a scraper sees).</summary>
    public const int CompletedSweepsShown = 10;

    private readonly Counter<long> _tracksEmbedded;
    private readonly Counter<long> _tracksCached;
    private readonly Counter<long> _tracksFailed;
    private readonly Counter<long> _namesCompleted;
    private readonly Histogram<int> _inferenceSegments;
    private readonly Histogram<double> _inferenceDuration;

    /// <summary>Latest progress of each sweep this silo runs, as a gauge.</summary>
    private readonly ConcurrentDictionary<string, SweepProgress> _sweeps = new(StringComparer.Ordinal);

    public PipelineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _tracksEmbedded = meter.CreateCounter<long>("disambig.tracks.embedded", "{track}", "Tracks whose vector was computed from the audio.");
        _tracksCached = meter.CreateCounter<long>("disambig.tracks.cached", "{track}", "Tracks whose vector came from the cache (same model version, same audio).");
        _tracksFailed = meter.CreateCounter<long>("disambig.tracks.failed", "{track}", "Tracks without a vector, tagged with the failure reason.");
        _namesCompleted = meter.CreateCounter<long>("disambig.names.completed", "{name}", "Names completed, tagged outcome=done (at least one usable track) or failed.");
        _inferenceSegments = meter.CreateHistogram<int>("disambig.inference.segments", "{segment}", "Segments per inference request (one track's segments).");
        _inferenceDuration = meter.CreateHistogram<double>("disambig.inference.duration", "s", "Time to embed one request, queueing in the model's micro-batches included.");
        meter.CreateObservableGauge("disambig.sweep.progress", ObserveSweeps, "1", "Fraction of a sweep's names finished (done or failed), tagged with the sweep id.");
    }

    /// <summary>Records a completed name: its tracks embedded, cached and failed (by reason), and whether it is usable.</summary>
    public void NameCompleted(NameOutcome outcome)
    {
        _tracksEmbedded.Add(outcome.TracksEmbedded);
        _tracksCached.Add(outcome.TracksCached);
        foreach (var failure in outcome.Failures)
        {
            _tracksFailed.Add(1, new KeyValuePair<string, object?>("reason", failure.Reason.ToString()));
        }
        // A big name's outcome lists only its first failures.
        if (outcome.TracksFailed > outcome.Failures.Count)
            _tracksFailed.Add(outcome.TracksFailed - outcome.Failures.Count, new KeyValuePair<string, object?>("reason", "unlisted"));
        var usable = outcome.Decision is not (NameDecision.NoUsableTracks or NameDecision.NameFailed);
        _namesCompleted.Add(1, new KeyValuePair<string, object?>("outcome", usable ? "done" : "failed"));
    }

    /// <summary>Starts timing one inference request of <paramref name="segments"/> segments; disposing records it.</summary>
    public InferenceTiming TimeInference(int segments) => new(this, segments, Stopwatch.GetTimestamp());

    /// <summary>Publishes a sweep's latest counts to the progress gauge.</summary>
    public void SweepProgressed(SweepProgress progress)
    {
        _sweeps[progress.SweepId] = progress;
        var completed = _sweeps.Values.Where(p => p.IsFinished).OrderByDescending(p => p.StartedAt).Skip(CompletedSweepsShown);
        foreach (var old in completed.ToList())
        {
            _sweeps.TryRemove(old.SweepId, out _);
        }
    }

    private IEnumerable<Measurement<double>> ObserveSweeps()
    {
        foreach (var (id, progress) in _sweeps)
        {
            var fraction = progress.IsFinished ? 1 : progress.NamesTotal == 0 ? 0 : (double)progress.NamesFinished / progress.NamesTotal;
            yield return new Measurement<double>(fraction, new KeyValuePair<string, object?>("sweep", id));
        }
    }

    /// <summary>An inference request being timed.</summary>
    public readonly struct InferenceTiming(PipelineMetrics metrics, int segments, long started) : IDisposable
    {
        public void Dispose()
        {
            metrics._inferenceSegments.Record(segments);
            metrics._inferenceDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
