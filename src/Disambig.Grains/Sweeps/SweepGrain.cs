using Disambig.Grains.Hosting;
using Disambig.Grains.Services;
using Disambig.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Disambig.Grains.Sweeps;

/// <summary>
/// What a sweep's coordinator persists: bounded by the partition count, whatever the number of names. The partitions
/// with names, in order; how many were started; those running; and the summed counters of those completed.
/// </summary>
[GenerateSerializer, Alias("Disambig.SweepCoordinatorBook")]
public sealed class SweepCoordinatorBook
{
    [Id(0)] public SweepState State { get; set; }

    [Id(1)] public ModelRef? Model { get; set; }

    [Id(2)] public DateTimeOffset StartedAt { get; set; }

    [Id(3)] public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The report's object name in the results store, once written.</summary>
    [Id(4)] public string? ReportName { get; set; }

    /// <summary>The catalog's partition count (names are routed by it); 0 until known.</summary>
    [Id(5)] public int Partitions { get; set; }

    /// <summary>True for a sweep of a name list (its partitions walk their plan chunks), false for the whole catalog.</summary>
    [Id(6)] public bool NameList { get; set; }

    /// <summary>The partitions that have names, ascending.</summary>
    [Id(7)] public List<int> Order { get; set; } = [];

    /// <summary>Partitions <c>Order[..NextIndex]</c> have been started.</summary>
    [Id(8)] public int NextIndex { get; set; }

    /// <summary>Partitions started and not known to be completed.</summary>
    [Id(9)] public List<int> Running { get; set; } = [];

    /// <summary>The summed counters of the completed partitions.</summary>
    [Id(10)] public SweepCounters Completed { get; set; } = new();

    /// <summary>Names planned.</summary>
    [Id(11)] public int NamesTotal { get; set; }

    /// <summary>True when every partition is completed.</summary>
    public bool AllPartitionsDone => NextIndex == Order.Count && Running.Count == 0;

    /// <summary>Adds a partition with names, keeping <see cref="Order"/> sorted and without duplicates.</summary>
    public void AddPartition(int partition)
    {
        var index = Order.BinarySearch(partition);
        if (index < 0) Order.Insert(~index, partition);
    }

    /// <summary>Counts a completed partition once; false when it was not running (already counted, or never started).</summary>
    public bool CompletePartition(int partition, SweepCounters counters)
    {
        if (!Running.Remove(partition)) return false;
        Completed.Add(counters);
        return true;
    }

    /// <summary>Starts the next partitions until <paramref name="active"/> run; returns them.</summary>
    public IReadOnlyList<int> TakePartitions(int active)
    {
        var taken = new List<int>();
        while (Running.Count < active && NextIndex < Order.Count)
        {
            var partition = Order[NextIndex++];
            Running.Add(partition);
            taken.Add(partition);
        }
        return taken;
    }
}

/// <summary>
/// A sweep's coordinator: plans the partitions with names, starts them a few at a time (<see cref="SweepWindows"/>),
/// learns their completion from their one-way reports and from polling (which also reactivates a lost partition), sums
/// for progress the counters the running partitions push (<see cref="SweepLiveProgress"/>: answered from memory, no
/// call to any partition), and writes the report under <c>results/sweeps/</c>.
/// A <c>resume</c> reminder reactivates it after its silo is lost.
/// </summary>
internal sealed partial class SweepGrain(
    [PersistentState("sweep", GrainStorage.Name)] IPersistentState<SweepCoordinatorBook> book,
    ResultStore results,
    IOptions<PipelineOptions> options,
    IClusterRoles roles,
    TimeProvider time,
    PipelineMetrics metrics,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain, IRemindable
{
    private const string ResumeReminder = "resume";

    /// <summary>Partitions asked per page of <see cref="ReadOutcomes"/> at most (empty ones included).</summary>
    private const int MaxPartitionsPerPage = 256;

    /// <summary>The running partitions' latest progress, pushed by them or answered to polls (in memory only).</summary>
    private readonly SweepLiveProgress _live = new();

    private IGrainTimer? _poll;
    private bool _dirty;
    private DateTimeOffset _lastWrite;

    private SweepCoordinatorBook Book => book.State;

    private string SweepId => this.GetPrimaryKeyString();

    private bool IsRunning => Book.State == SweepState.Running;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsRunning) StartPolling();
        return Task.CompletedTask;
    }

    public async Task AddNames(IReadOnlyList<string> names)
    {
        SweepIds.Validate(SweepId);
        if (Book.State != SweepState.NotStarted) throw new InvalidOperationException($"Sweep {SweepId} has started: no name can be added.");
        await AddNamesAsync(names);
        await WriteAsync();
    }

    private async Task AddNamesAsync(IReadOnlyList<string> names)
    {
        if (names.Count > SweepLimits.MaxNamesPerCall)
            throw new ArgumentException($"A sweep takes at most {SweepLimits.MaxNamesPerCall} names per call; this one has {names.Count}. Send them in batches.", nameof(names));
        if (Book.Partitions == 0) Book.Partitions = await GrainFactory.GetGrain<ICatalogGrain>(CatalogKeys.Default).GetPartitionCount();
        var shares = names.Distinct(StringComparer.Ordinal)
            .GroupBy(name => CatalogPartitioning.PartitionOf(name, Book.Partitions))
            .Select(share => (Partition: share.Key, Names: (IReadOnlyList<string>)[.. share]))
            .ToList();
        // Partitions are written into the book before they are sent names: a call whose answer is lost (a timeout, a
        // silo lost) leaves no planned name in a partition the sweep would not walk.
        var fresh = shares.Where(share => Book.Order.BinarySearch(share.Partition) < 0).ToList();
        foreach (var share in fresh) Book.AddPartition(share.Partition);
        if (fresh.Count > 0) await WriteAsync();
        // Each partition counts only names new to its plan, so names sent again (a streamed ingestion, a retry) count once.
        var added = await BoundedFanOut.RunAsync(shares, options.Value.IngestConcurrency, share => Partition(share.Partition).AddNames(share.Names));
        for (var i = 0; i < shares.Count; i++)
        {
            Book.AddPartition(shares[i].Partition);
            Book.NamesTotal += added[i];
        }
        Book.NameList = true;
    }

    public async Task<SweepProgress> Start(SweepRequest request)
    {
        SweepIds.Validate(SweepId);
        if (Book.State != SweepState.NotStarted) return await GetProgress();
        var model = await GrainFactory.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).GetCurrent()
            ?? throw new NoModelRegisteredException();
        if (request.Names is { } names)
        {
            await AddNamesAsync(names);
            await CountPlannedAsync();
        }
        else await PlanCatalogAsync();
        Book.State = SweepState.Running;
        Book.Model = model.ToRef();
        Book.StartedAt = time.GetUtcNow();
        await WriteAsync();
        await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        LogStarted(SweepId, Book.NamesTotal, Book.Order.Count, model.Version);
        StartPolling();
        await AdvanceAsync([]);
        return await GetProgress();
    }

    /// <summary>
    /// The total of a name-list sweep from its partitions' plans (one call per partition, once): the names the sweep will
    /// finish, including those of an <see cref="AddNames"/> call that failed after some partitions planned them (its
    /// retry finds them planned and adds nothing, so the running sum would miss them). Display only: what counts is
    /// each partition's flush.
    /// </summary>
    private async Task CountPlannedAsync()
    {
        var planned = await BoundedFanOut.RunAsync(Book.Order, options.Value.IngestConcurrency, partition => Partition(partition).CountPlanned());
        Book.NamesTotal = planned.Sum();
    }

    /// <summary>Counts the names of every catalog partition (one call each, once) and keeps those with names.</summary>
    private async Task PlanCatalogAsync()
    {
        var catalog = GrainFactory.GetGrain<ICatalogGrain>(CatalogKeys.Default);
        Book.Partitions = await catalog.GetPartitionCount();
        var counts = await BoundedFanOut.RunAsync(Enumerable.Range(0, Book.Partitions).ToList(), options.Value.IngestConcurrency, partition =>
            GrainFactory.GetGrain<ICatalogPartitionGrain>(CatalogKeys.Partition(CatalogKeys.Default, partition)).CountNames());
        for (var partition = 0; partition < counts.Length; partition++)
        {
            if (counts[partition] == 0) continue;
            Book.AddPartition(partition);
            Book.NamesTotal += counts[partition];
        }
    }

    /// <summary>From memory: the completed partitions' counters and the running ones' latest pushed progress; no call, no wait.</summary>
    public Task<SweepProgress> GetProgress() => Task.FromResult(Snapshot());

    public Task PartitionProgressed(SweepPartitionProgress progress)
    {
        if (IsRunning) _live.Push(progress, Book.Running);
        return Task.CompletedTask;
    }

    /// <summary>The running partitions' progress (null for one that did not answer).</summary>
    private async Task<SweepPartitionProgress?[]> AskRunningAsync()
    {
        var running = Book.Running.ToList();
        var reports = await Task.WhenAll(running.Select(async partition =>
        {
            try
            {
                return await Partition(partition).GetProgress();
            }
            catch (Exception e)
            {
                LogPartitionUnreachable(e, partition, SweepId);
                return null;
            }
        }));
        return reports;
    }

    /// <summary>Progress from the completed partitions' counters and the running ones' latest reports (only those still running count).</summary>
    private SweepProgress Snapshot()
    {
        var (counters, inFlight, waiting) = IsRunning ? _live.Sum(Book.Completed, Book.Running) : (Book.Completed.Copy(), 0, false);
        var state = IsRunning && waiting ? SweepState.WaitingForInference : Book.State;
        return SweepProgress.From(SweepId, state, Book.Model, Book.NamesTotal, inFlight, counters,
            Book.StartedAt, Book.CompletedAt ?? time.GetUtcNow(), Book.ReportName, Book.Order.Count);
    }

    public Task<SweepReport?> GetReport() =>
        Book.State == SweepState.Completed ? results.ReadReportAsync(SweepId, CancellationToken.None) : Task.FromResult<SweepReport?>(null);

    public async Task<OutcomePage> ReadOutcomes(string? cursor, int limit, bool failuresOnly)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, SweepLimits.MaxOutcomesPerPage);
        var (index, position) = cursor is null ? (0, null) : OutcomeCursor.Parse(cursor);
        var started = Book.NextIndex;
        var outcomes = new List<NameOutcome>();
        for (var asked = 0; index < started && outcomes.Count < limit && asked < MaxPartitionsPerPage; asked++)
        {
            var page = await Partition(Book.Order[index]).ReadOutcomes(position, limit - outcomes.Count, failuresOnly);
            outcomes.AddRange(page.Outcomes);
            if (page.Next is null) (index, position) = (index + 1, null);
            else
            {
                position = page.Next;
                break;
            }
        }
        return new OutcomePage(outcomes, index < started ? OutcomeCursor.Format(index, position) : null);
    }

    public Task NameCompleted(NameOutcome outcome) =>
        Book.Partitions == 0 || Book.State == SweepState.NotStarted
            ? Task.CompletedTask
            : Partition(CatalogPartitioning.PartitionOf(outcome.NameKey, Book.Partitions)).NameCompleted(outcome);

    public Task PartitionCompleted(int partition, SweepCounters counters) =>
        IsRunning ? AdvanceAsync([new SweepPartitionProgress(partition, SweepState.Completed, counters, 0)]) : Task.CompletedTask;

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        // Activation alone resumes a running sweep (OnActivateAsync); a finished one drops its reminder.
        IsRunning ? Task.CompletedTask : UnregisterResumeReminderAsync();

    private ISweepPartitionGrain Partition(int partition) => GrainFactory.GetGrain<ISweepPartitionGrain>(SweepKeys.Partition(SweepId, partition));

    private void StartPolling() =>
        _poll ??= this.RegisterGrainTimer(PollAsync, options.Value.PollInterval, options.Value.PollInterval);

    /// <summary>Asks every running partition where it is: reactivates lost ones, learns completions whose message was lost.</summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning) return;
        var running = await AskRunningAsync();
        foreach (var report in running.OfType<SweepPartitionProgress>()) _live.Replace(report);
        metrics.SweepProgressed(Snapshot());
        await AdvanceAsync(running);
    }

    /// <summary>
    /// Counts completed partitions, restarts running ones that lost their start, starts the next ones as the window
    /// allows, and finishes when every partition is done.
    /// </summary>
    private async Task AdvanceAsync(IReadOnlyList<SweepPartitionProgress?> reports)
    {
        while (IsRunning)
        {
            var restart = new List<int>();
            foreach (var report in reports.OfType<SweepPartitionProgress>())
            {
                if (report.State == SweepState.Completed)
                {
                    _dirty |= Book.CompletePartition(report.Partition, report.Counters);
                    _live.Remove(report.Partition);
                }
                else if (report.State == SweepState.NotStarted && Book.Running.Contains(report.Partition)) restart.Add(report.Partition);
            }
            var (_, active) = SweepWindows.For(options.Value.NameWindowFor(roles.WorkerCores()), Book.Order.Count);
            var start = restart.Concat(Book.TakePartitions(active)).ToList();
            if (start.Count == 0) break;
            await WriteAsync();
            var message = new SweepPartitionStart(Book.Model!, Book.StartedAt, Book.Partitions, Book.NameList, Book.Order.Count);
            reports = await Task.WhenAll(start.Select(async partition =>
            {
                try
                {
                    var started = await Partition(partition).Start(message);
                    _live.Replace(started);
                    return started;
                }
                catch (Exception e)
                {
                    LogPartitionUnreachable(e, partition, SweepId);
                    return null;
                }
            }));
        }
        if (IsRunning && Book.AllPartitionsDone)
        {
            await FinishAsync();
            return;
        }
        if (_dirty && time.GetUtcNow() - _lastWrite >= options.Value.ProgressWriteInterval) await WriteAsync();
    }

    private async Task FinishAsync()
    {
        var now = time.GetUtcNow();
        var progress = SweepProgress.From(SweepId, SweepState.Completed, Book.Model, Book.NamesTotal, 0, Book.Completed, Book.StartedAt, now,
            ResultStore.SweepReportName(SweepId), Book.Order.Count);
        var report = new SweepReport(SweepId, Book.Model!, Book.StartedAt, now, progress, Sweeps.SweepBlobs.Prefix(SweepId));
        await results.WriteReportAsync(report, CancellationToken.None);
        Book.ReportName = progress.ReportName;
        Book.CompletedAt = now;
        Book.State = SweepState.Completed;
        await WriteAsync();
        _poll?.Dispose();
        _poll = null;
        await UnregisterResumeReminderAsync();
        await TriggerAliasesAsync();
        LogCompleted(SweepId, progress.NamesDone, progress.NamesFailed, progress.TracksEmbedded, progress.TracksCached);
    }

    /// <summary>
    /// Hook of the alias job (issue 17), kept apart: a completed sweep asks for an alias run, of every entity after a
    /// full sweep, of the swept names' entities (sent a page of outcomes at a time) after a sweep of a name list. A
    /// failure here never fails the sweep.
    /// </summary>
    private async Task TriggerAliasesAsync()
    {
        try
        {
            if (!Book.NameList)
            {
                await GrainFactory.SweepCompleted(SweepId, null);
                return;
            }
            string? cursor = null;
            do
            {
                var page = await ReadOutcomes(cursor, SweepLimits.MaxOutcomesPerPage, failuresOnly: false);
                if (page.Outcomes.Count > 0) await GrainFactory.SweepCompleted(SweepId, [.. page.Outcomes.Select(o => o.NameKey)]);
                cursor = page.NextCursor;
            }
            while (cursor is not null);
        }
        catch (Exception e)
        {
            LogAliasTriggerFailed(e, SweepId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId} could not start the alias job; it runs after the next sweep")]
    private partial void LogAliasTriggerFailed(Exception error, string sweepId);

    /// <summary>Writes the book; a failed write drops the activation, so the persisted book (and the partitions) are what goes on.</summary>
    private async Task WriteAsync()
    {
        try
        {
            await book.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        if (!IsRunning) metrics.SweepProgressed(Snapshot());
        _dirty = false;
        _lastWrite = time.GetUtcNow();
    }

    private async Task UnregisterResumeReminderAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} started: {Names} names in {Partitions} partitions with model {ModelVersion}")]
    private partial void LogStarted(string sweepId, int names, int partitions, string modelVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} completed: {Done} names done, {Failed} without usable tracks, {Embedded} tracks embedded, {Cached} cached")]
    private partial void LogCompleted(string sweepId, int done, int failed, int embedded, int cached);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Partition {Partition} of sweep {SweepId} did not answer; asked again at the next poll")]
    private partial void LogPartitionUnreachable(Exception error, int partition, string sweepId);
}

/// <summary>The cursor of a sweep's outcome pages: "{index in the partition order}:{chunk}:{line}".</summary>
public static class OutcomeCursor
{
    public static string Format(int index, OutcomePosition? position) =>
        position is null ? $"{index}:0:0" : $"{index}:{position.Chunk}:{position.Line}";

    /// <exception cref="ArgumentException">The text is not such a cursor.</exception>
    public static (int Index, OutcomePosition? Position) Parse(string cursor)
    {
        var parts = cursor.Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[0], out var index) || !int.TryParse(parts[1], out var chunk) || !int.TryParse(parts[2], out var line)
            || index < 0 || chunk < 0 || line < 0)
            throw new ArgumentException($"'{cursor}' is not a sweep outcome cursor.", nameof(cursor));
        return (index, new OutcomePosition(chunk, line));
    }
}
