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
        var table = cluster.Cluster.GetSiloServiceProvider().GetRequiredService<IReminderTable>();
        ReminderEntry reminder;
        for (var attempt = 1; ; attempt++)
        {
            // A time of day two seconds from now: the reminder's first tick comes then (its period stays one day).
            var soon = TimeSpan.FromTicks((DateTimeOffset.UtcNow.TimeOfDay + TimeSpan.FromSeconds(2)).Ticks % TimeSpan.TicksPerDay);

            await scheduler.ScheduleNightly(soon);
            await scheduler.ScheduleNightly(soon);

            reminder = Assert.Single((await table.ReadRows(scheduler.GetGrainId())).Reminders);
            // A machine that stalled past that time before the scheduler read its clock put the first tick a day
            // later, as it should: the test then chooses a time again, rather than wait a day.
            if (reminder.StartAt < DateTime.UtcNow.AddHours(1)) break;
            if (attempt == 5) throw new InvalidOperationException($"The nightly reminder starts at {reminder.StartAt:O}, not within the hour.");
        }
        Assert.Equal("nightly", reminder.ReminderName);
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
