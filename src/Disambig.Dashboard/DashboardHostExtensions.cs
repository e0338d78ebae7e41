using Disambig.Dashboard.Api;
using Disambig.Dashboard.Page;
using Disambig.Dashboard.Security;
using Disambig.Dashboard.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Disambig.Dashboard;

public static class DashboardHostExtensions
{
    /// <summary>
    /// Configures the HTTP endpoint from <see cref="DashboardOptions"/> (section <c>Disambig:Http</c>), validated at
    /// start: Kestrel listens only on the configured URLs, loopback by default.
    /// </summary>
    public static WebApplicationBuilder AddDisambigHttp(this WebApplicationBuilder builder, Action<DashboardOptions>? configure = null)
    {
        builder.Services.AddDisambigHttp(builder.Configuration, configure);
        var bound = new DashboardOptions();
        builder.Configuration.GetSection(DashboardOptions.SectionName).Bind(bound);
        configure?.Invoke(bound);
        builder.WebHost.UseUrls(bound.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return builder;
    }

    /// <summary>
    /// The HTTP endpoint's services: <see cref="DashboardOptions"/> bound from <paramref name="configuration"/> (section
    /// <c>Disambig:Http</c>) and validated at start (<see cref="DashboardOptionsValidator"/>), health checks, telemetry,
    /// and the API's sweep progress snapshots (<see cref="SweepProgressSnapshots"/>).
    /// </summary>
    public static IServiceCollection AddDisambigHttp(this IServiceCollection services, IConfiguration configuration, Action<DashboardOptions>? configure = null)
    {
        var options = services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName));
        if (configure is not null) options.Configure(configure);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SweepProgressSnapshots>();
        services.AddHealthChecks();
        services.AddDisambigTelemetry();
        return services;
    }

    /// <summary>Bearer-token gate, health probes and the Prometheus scrape endpoint (<c>/metrics</c>).</summary>
    public static WebApplication MapDisambigHttp(this WebApplication app)
    {
        app.UseMiddleware<BearerTokenMiddleware>();
        app.MapDisambigHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>
    /// On a host that runs a silo with <see cref="OrleansDashboardExtensions.AddDisambigOrleansDashboard"/>: Disambig's page
    /// at <c>/</c>, its JSON API under <c>/api</c>, and the Orleans dashboard under <c>/orleans</c>.
    /// </summary>
    public static WebApplication MapDisambigDashboard(this WebApplication app)
    {
        app.MapDisambigPage();
        app.MapDisambigApi();
        app.MapOrleansDashboard(OrleansDashboardExtensions.RoutePrefix);
        return app;
    }
}
