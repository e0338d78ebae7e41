using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace Disambig.Dashboard;

public static class OrleansDashboardExtensions
{
    /// <summary>Route prefix of the Orleans dashboard on the HTTP endpoint.</summary>
    public const string RoutePrefix = "/orleans";

    /// <summary>
    /// Adds the Orleans dashboard's silo services (every silo of a cluster calls this, so each reports its grains) with
    /// <see cref="GrainProfilerOptions.TraceAlways"/> on: grain-method profiling is collected while nobody has the page
    /// open, so a night's sweep can be read the next morning.
    /// </summary>
    public static ISiloBuilder AddDisambigOrleansDashboard(this ISiloBuilder silo)
    {
        silo.AddDashboard();
        silo.Services.Configure<GrainProfilerOptions>(options => options.TraceAlways = true);
        return silo;
    }
}
