using Disambig.Grains.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Disambig.Grains.Tests;

[Collection(PipelineCollection.Name)]
public sealed class SchedulerTests(PipelineFixture fixture)
{
    [Fact]
    public async Task ScheduleNightly_RegisteredTwice_KeepsOneReminderThatStartsOneFullSweepWhenItFires()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, "worker,trainer", "inference");
        var scheduler = cluster.Client.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey);
        // A time of day two seconds from now: the reminder's first tick comes then (its period stays one day).
        var soon = TimeSpan.FromTicks((DateTimeOffset.UtcNow.TimeOfDay + TimeSpan.FromSeconds(2)).Ticks % TimeSpan.TicksPerDay);

        await scheduler.ScheduleNightly(soon);
        await scheduler.ScheduleNightly(soon);

        var reminders = await cluster.Cluster.GetSiloServiceProvider().GetRequiredService<IReminderTable>()
            .ReadRows(scheduler.GetGrainId());
        Assert.Equal("nightly", Assert.Single(reminders.Reminders).ReminderName);
        IReadOnlyList<string> sweeps = [];
        // A bound on polls, not a timed assertion.
        for (var poll = 0; sweeps.Count == 0; poll++)
        {
            if (poll > 600) throw new TimeoutException("The nightly reminder never started a sweep.");
            await Task.Delay(100);
            sweeps = await scheduler.ListSweeps();
        }
        var sweepId = Assert.Single(sweeps);
        Assert.StartsWith("full-", sweepId);
        // The nightly sweep embeds every track (seconds): asked now, the scheduler hands back the running sweep.
        Assert.Equal(sweepId, (await scheduler.StartFullSweep()).SweepId);
        var report = await cluster.FollowAsync(sweepId);
        Assert.Equal(fixture.BaselineReport.Progress.NamesTotal, report.Progress.NamesTotal);
    }
}
