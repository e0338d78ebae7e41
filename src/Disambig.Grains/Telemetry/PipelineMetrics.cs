using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Disambig.Grains.Telemetry;

/// <summary>
/// The pipeline's instruments, on one meter named <see cref="MeterName"/> (exported with OpenTelemetry, served for
/// Prometheus at <c>/metrics</c>). Grains and services record through one-line calls; the meter is process-wide, so
/// every silo of a process adds to the same instruments.
/// </summary>
public static class PipelineMetrics
{
    public const string MeterName = "Disambig";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> TracksEmbedded = Meter.CreateCounter<long>(
        "disambig.tracks.embedded", "{track}", "Tracks whose vector was computed from the audio.");

    private static readonly Counter<long> TracksCached = Meter.CreateCounter<long>(
        "disambig.tracks.cached", "{track}", "Tracks whose vector came from the cache (same model version, same audio).");

    private static readonly Counter<long> TracksFailed = Meter.CreateCounter<long>(
        "disambig.tracks.failed", "{track}", "Tracks without a vector, tagged with the failure reason.");

    private static readonly Counter<long> NamesCompleted = Meter.CreateCounter<long>(
        "disambig.names.completed", "{name}", "Names completed, tagged outcome=done (at least one usable track) or failed.");

    private static readonly Histogram<int> InferenceSegments = Meter.CreateHistogram<int>(
        "disambig.inference.segments", "{segment}", "Segments per inference request (one track's segments).");

    private static readonly Histogram<double> InferenceDuration = Meter.CreateHistogram<double>(
        "disambig.inference.duration", "s", "Time to embed one request, queueing in the model's micro-batches included.");

    /// <summary>Completed sweeps kept on the progress gauge besides the running ones (bounds the series a scraper sees).</summary>
    public const int CompletedSweepsShown = 10;

    /// <summary>Latest progress of each sweep this process runs, as a gauge.</summary>
    private static readonly ConcurrentDictionary<string, SweepProgress> Sweeps = new(StringComparer.Ordinal);

    static PipelineMetrics()
    {
        Meter.CreateObservableGauge("disambig.sweep.progress", ObserveSweeps, "1",
            "Fraction of a sweep's names finished (done or failed), tagged with the sweep id.");
    }

    /// <summary>Records a completed name: its tracks embedded, cached and failed (by reason), and whether it is usable.</summary>
    public static void NameCompleted(NameOutcome outcome)
    {
        TracksEmbedded.Add(outcome.TracksEmbedded);
        TracksCached.Add(outcome.TracksCached);
        foreach (var failure in outcome.Failures)
        {
            TracksFailed.Add(1, new KeyValuePair<string, object?>("reason", failure.Reason.ToString()));
        }
        // A big name's outcome lists only its first failures.
        if (outcome.TracksFailed > outcome.Failures.Count)
            TracksFailed.Add(outcome.TracksFailed - outcome.Failures.Count, new KeyValuePair<string, object?>("reason", "unlisted"));
        var usable = outcome.Decision is not (NameDecision.NoUsableTracks or NameDecision.NameFailed);
        NamesCompleted.Add(1, new KeyValuePair<string, object?>("outcome", usable ? "done" : "failed"));
    }

    /// <summary>Starts timing one inference request of <paramref name="segments"/> segments; disposing records it.</summary>
    public static InferenceTiming TimeInference(int segments) => new(segments, Stopwatch.GetTimestamp());

    /// <summary>Publishes a sweep's latest counts to the progress gauge.</summary>
    public static void SweepProgressed(SweepProgress progress)
    {
        Sweeps[progress.SweepId] = progress;
        var completed = Sweeps.Values.Where(p => p.IsFinished).OrderByDescending(p => p.StartedAt).Skip(CompletedSweepsShown);
        foreach (var old in completed.ToList())
        {
            Sweeps.TryRemove(old.SweepId, out _);
        }
    }

    private static IEnumerable<Measurement<double>> ObserveSweeps()
    {
        foreach (var (id, progress) in Sweeps)
        {
            var fraction = progress.IsFinished ? 1 : progress.NamesTotal == 0 ? 0 : (double)progress.NamesFinished / progress.NamesTotal;
            yield return new Measurement<double>(fraction, new KeyValuePair<string, object?>("sweep", id));
        }
    }

    /// <summary>An inference request being timed.</summary>
    public readonly struct InferenceTiming(int segments, long started) : IDisposable
    {
        public void Dispose()
        {
            InferenceSegments.Record(segments);
            InferenceDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
