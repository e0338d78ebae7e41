using Disambig.Dashboard;
using Disambig.Grains;
using Disambig.Silo;
using Disambig.Silo.Bench;
using Disambig.Silo.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// One silo process of a cluster, and its HTTP endpoint (dashboard, JSON API, Orleans dashboard under /orleans, metrics,
// health). Settings come from the "Disambig" configuration section: appsettings.json, environment variables
// (Disambig__Roles=inference, Disambig__StorageConnection=..., Disambig__Http__Urls=..., Disambig__Http__BearerToken=...),
// or the command line (--Disambig:Roles=worker). The endpoint listens on 127.0.0.1:8080 unless Disambig:Http:Urls says
// otherwise, and refuses to start beyond loopback without a bearer token.
var builder = WebApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection(ClusterSiloSettings.SectionName).Get<ClusterSiloSettings>() ?? new ClusterSiloSettings();
try
{
    settings.Validate();
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 2;
}
builder.AddDisambigHttp();
builder.Services.AddDisambigReadiness();
builder.UseOrleans(silo => silo.UseDisambigCluster(settings).AddDisambigBench(builder.Configuration));
await using var app = builder.Build();
app.MapDisambigHttp();
app.MapDisambigDashboard();
app.MapDisambigBench();
await app.StartAsync();
if (settings.NightlySweepUtc.Length > 0)
{
    // Registering is idempotent: every silo may do it, the reminder stays one.
    await app.Services.GetRequiredService<IGrainFactory>().GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey)
        .ScheduleNightly(TimeSpan.Parse(settings.NightlySweepUtc));
}
await app.WaitForShutdownAsync();
return 0;
