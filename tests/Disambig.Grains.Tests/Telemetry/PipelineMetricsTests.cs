using System.Diagnostics.Metrics;
using Disambig.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Disambig.Grains.Tests.Telemetry;

/// <summary>
/// The pipeline's instruments come from the host's <see cref="IMeterFactory"/>: each silo's <see cref="PipelineMetrics"/>
/// records on its own meter, with no state shared through statics.
/// </summary>
public sealed class PipelineMetricsTests : IDisposable
{
    private readonly ServiceProvider _first = new ServiceCollection().AddMetrics().AddSingleton<PipelineMetrics>().BuildServiceProvider();
    private readonly ServiceProvider _second = new ServiceCollection().AddMetrics().AddSingleton<PipelineMetrics>().BuildServiceProvider();

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public void NameCompleted_OnOneSilosMetrics_CountsItsTracksAndOutcomeOnThatSilosMeterOnly()
    {
        var failure = new TrackFailure("t3", "a/t3.mp3", TrackFailureReason.Silent, "silent");
        var outcome = new NameOutcome("name", NameDecision.Split, EntityCount: 2, TracksEmbedded: 2, TracksCached: 1, [failure]);
        var recorded = Listen(_first, out var listener);
        using (listener)
        {
            _second.GetRequiredService<PipelineMetrics>().NameCompleted(outcome with { TracksEmbedded = 100 });

            _first.GetRequiredService<PipelineMetrics>().NameCompleted(outcome);
        }

        Assert.Equal(2, recorded.Where(r => r.Name == "disambig.tracks.embedded").Sum(r => r.Value));
        Assert.Equal(1, recorded.Where(r => r.Name == "disambig.tracks.cached").Sum(r => r.Value));
        Assert.Equal([("disambig.tracks.failed", 1L, "reason=Silent")], recorded.Where(r => r.Name == "disambig.tracks.failed"));
        Assert.Equal([("disambig.names.completed", 1L, "outcome=done")], recorded.Where(r => r.Name == "disambig.names.completed"));
    }

    [Fact]
    public void SweepProgressed_OnTwoSilos_KeepsEachSilosSweepsOnItsOwnGauge()
    {
        var started = DateTimeOffset.UnixEpoch;
        var progress = new SweepProgress("sweep-a", SweepState.Running, null, NamesTotal: 4, NamesDone: 1, NamesFailed: 0, NamesInFlight: 2,
            TracksEmbedded: 0, TracksCached: 0, TracksFailed: 0, started, started, ReportName: null);
        _first.GetRequiredService<PipelineMetrics>().SweepProgressed(progress);

        Assert.Equal([("sweep=sweep-a", 0.25)], Gauge(_first));
        Assert.Empty(Gauge(_second));
    }

    private static List<(string Name, long Value, string Tags)> Listen(IServiceProvider services, out MeterListener listener)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        services.GetRequiredService<PipelineMetrics>();
        var recorded = new List<(string, long, string)>();
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PipelineMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            recorded.Add((instrument.Name, value, string.Join(',', tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();
        return recorded;
    }

    private static List<(string Tags, double Value)> Gauge(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        services.GetRequiredService<PipelineMetrics>();
        var observed = new List<(string, double)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "disambig.sweep.progress" && ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            observed.Add((string.Join(',', tags.ToArray().Select(t => $"{t.Key}={t.Value}")), value)));
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }
}
