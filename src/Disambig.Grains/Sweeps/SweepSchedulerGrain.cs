using Disambig.Grains.Hosting;
using Microsoft.Extensions.Logging;

namespace Disambig.Grains.Sweeps;

/// <summary>What the scheduler persists: the sweeps it started and the full sweep that may still be running.</summary>
[GenerateSerializer, Alias("Disambig.SchedulerState")]
public sealed class SchedulerState
{
    [Id(0)] public List<string> Sweeps { get; set; } = [];

    [Id(1)] public string? LatestFullSweep { get; set; }

    /// <summary>
    /// The latest name-list sweep registered for each ingestion origin (<see cref="ISweepSchedulerGrain.IngestionSweep"/>),
    /// oldest first; at most <see cref="MaxIngestions"/>, the oldest dropped.
    /// </summary>
    [Id(100)] public List<IngestionSweepEntry> Ingestions { get; set; } = [];

    /// <summary>Ingestion origins remembered at most.</summary>
    public const int MaxIngestions = 256;

    /// <summary>Remembers <paramref name="sweepId"/> as <paramref name="origin"/>'s sweep (the latest entry).</summary>
    public void RememberIngestion(string origin, string sweepId)
    {
        Ingestions.RemoveAll(entry => entry.Origin == origin);
        Ingestions.Add(new IngestionSweepEntry(origin, sweepId));
        if (Ingestions.Count > MaxIngestions) Ingestions.RemoveRange(0, Ingestions.Count - MaxIngestions);
    }
}

/// <summary>An ingestion origin and the latest name-list sweep registered for it.</summary>
[GenerateSerializer, Immutable, Alias("Disambig.IngestionSweepEntry")]
public sealed record IngestionSweepEntry([property: Id(0)] string Origin, [property: Id(1)] string SweepId);

/// <summary>Starts full sweeps (nightly, by a persistent reminder) and incremental sweeps; never two full sweeps at once.</summary>
internal sealed partial class SweepSchedulerGrain(
    [PersistentState("scheduler", GrainStorage.Name)] IPersistentState<SchedulerState> state,
    TimeProvider time,
    ILogger<SweepSchedulerGrain> logger) : Grain, ISweepSchedulerGrain, IRemindable
{
    private const string NightlyReminder = "nightly";

    public async Task<SweepProgress> StartFullSweep()
    {
        if (state.State.LatestFullSweep is { } latest)
        {
            var progress = await GrainFactory.GetGrain<ISweepGrain>(latest).GetProgress();
            if (!progress.IsFinished) return progress;
        }
        var sweepId = SweepIds.New("full", time.GetUtcNow());
        state.State.LatestFullSweep = sweepId;
        return await StartAsync(sweepId, SweepRequest.FullCatalog);
    }

    public Task<SweepProgress> StartNamesSweep(IReadOnlyList<string> names)
    {
        if (names.Count > SweepLimits.MaxNamesPerCall)
            throw new ArgumentException($"A sweep request takes at most {SweepLimits.MaxNamesPerCall} names; this one has {names.Count}. Use SweepClient.StartNamesSweepAsync, which sends them in batches.", nameof(names));
        return StartAsync(SweepIds.New("names", time.GetUtcNow()), new SweepRequest(names));
    }

    public Task<string> NewNamesSweep() => RegisterNamesSweepAsync(origin: null);

    /// <summary>Registers a new name-list sweep, not started (remembered as <paramref name="origin"/>'s when given).</summary>
    private async Task<string> RegisterNamesSweepAsync(string? origin)
    {
        var sweepId = SweepIds.New("names", time.GetUtcNow());
        state.State.Sweeps.Add(sweepId);
        if (origin is not null) state.State.RememberIngestion(origin, sweepId);
        await state.WriteStateAsync();
        return sweepId;
    }

    public async Task<string> IngestionSweep(string origin)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        if (state.State.Ingestions.FirstOrDefault(entry => entry.Origin == origin) is { } earlier
            && (await GrainFactory.GetGrain<ISweepGrain>(earlier.SweepId).GetProgress()).State == SweepState.NotStarted)
        {
            LogIngestionSweepContinued(earlier.SweepId, origin);
            return earlier.SweepId;
        }
        return await RegisterNamesSweepAsync(origin);
    }

    public async Task ScheduleNightly(TimeSpan timeOfDayUtc)
    {
        var now = time.GetUtcNow();
        var next = now.Date + timeOfDayUtc;
        if (next <= now) next = next.AddDays(1);
        await this.RegisterOrUpdateReminder(NightlyReminder, next - now, TimeSpan.FromDays(1));
        LogNightlyScheduled(timeOfDayUtc);
    }

    public Task<IReadOnlyList<string>> ListSweeps() => Task.FromResult<IReadOnlyList<string>>(state.State.Sweeps.ToList());

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == NightlyReminder ? StartFullSweep() : Task.CompletedTask;

    private async Task<SweepProgress> StartAsync(string sweepId, SweepRequest request)
    {
        state.State.Sweeps.Add(sweepId);
        await state.WriteStateAsync();
        return await GrainFactory.GetGrain<ISweepGrain>(sweepId).Start(request);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId}, registered by an interrupted ingestion of {Origin}, is continued by its rerun")]
    private partial void LogIngestionSweepContinued(string sweepId, string origin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly full sweep scheduled at {TimeOfDay} UTC")]
    private partial void LogNightlyScheduled(TimeSpan timeOfDay);
}
