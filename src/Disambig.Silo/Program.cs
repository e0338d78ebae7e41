using Disambig.Grains;
using Disambig.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// One silo process of a cluster. Settings come from the "Disambig" configuration section: appsettings.json, environment
// variables (Disambig__Roles=inference, Disambig__StorageConnection=...), or the command line (--Disambig:Roles=worker).
var builder = Host.CreateApplicationBuilder(args);
var settings = builder.Configuration.GetSection("Disambig").Get<ClusterSiloSettings>() ?? new ClusterSiloSettings();
try
{
    settings.Validate();
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 2;
}
builder.UseOrleans(silo => silo.UseDisambigCluster(settings));
using var host = builder.Build();
await host.StartAsync();
if (settings.NightlySweepUtc.Length > 0)
{
    // Registering is idempotent: every silo may do it, the reminder stays one.
    await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey)
        .ScheduleNightly(TimeSpan.Parse(settings.NightlySweepUtc));
}
await host.WaitForShutdownAsync();
return 0;
