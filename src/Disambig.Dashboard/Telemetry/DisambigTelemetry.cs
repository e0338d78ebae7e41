using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Disambig.Dashboard.Telemetry;

public static class DisambigTelemetry
{
    /// <summary>Meter names exported: Disambig's pipeline meter (<c>Disambig</c>), any other <c>Disambig.*</c> meter, and Orleans'.</summary>
    public static readonly string[] Meters = ["Disambig", "Disambig.*", "Microsoft.Orleans"];

    /// <summary>Collects the meters above and serves them for Prometheus at <c>/metrics</c>.</summary>
    public static IServiceCollection AddDisambigTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());
        return services;
    }
}
