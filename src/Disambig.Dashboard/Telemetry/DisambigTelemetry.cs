using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Disambig.Dashboard.Telemetry;

public static class DisambigTelemetry
{
    /// <summary>Disambig's meters: the pipeline's (<c>Disambig</c>) and any <c>Disambig.*</c> meter (a prefix rule).</summary>
    public const string DisambigMeters = "Disambig";

    /// <summary>Orleans' meter: one static meter per process, shared by every silo in it.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The listener name OpenTelemetry registers with <c>WithMetrics</c>.</summary>
    private const string OpenTelemetryListener = "OpenTelemetry";

    /// <summary>
    /// Collects the meters above and serves them for Prometheus at <c>/metrics</c>. Disambig's meters are taken only
    /// from this host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (<see cref="MeterScope.Local"/>): a second
    /// host in the same process (a test, a restarted embedded silo) has meters of the same name, and listening to those
    /// would merge its counts into this host's and, when it stops, drop this host's instruments from the export.
    /// </summary>
    public static IServiceCollection AddDisambigTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(OrleansMeter).AddPrometheusExporter());
        services.AddMetrics(metrics => metrics.EnableMetrics(DisambigMeters, instrumentName: null, OpenTelemetryListener, MeterScope.Local));
        return services;
    }
}
