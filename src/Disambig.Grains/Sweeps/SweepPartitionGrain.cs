using Disambig.Grains.Hosting;
using Disambig.Grains.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Disambig.Grains.Sweeps;

/// <summary>
/// One partition of a sweep: walks its catalog partition's names page by page (or its plan chunks), keeps at most its
/// window of names in flight, fires each name's start without awaiting its run, learns completions from the names'
/// one-way reports and from polling, and appends outcomes to result chunks (see <see cref="SweepPartitionBook"/> for
/// the exactly-once rule). Resumed by its coordinator's polls after a lost activation.
/// </summary>
internal sealed partial class SweepPartitionGrain(
    [PersistentState("sweep-partition", GrainStorage.Name)] IPersistentState<SweepPartitionBook> book,
    SweepBlobs blobs,
    IOptions<PipelineOptions> options,
    IClusterRoles roles,
    TimeProvider time,
    ILogger<SweepPartitionGrain> logger) : Grain, ISweepPartitionGrain
{
    /// <summary>Names read from the source at once (a catalog page); bounded, whatever the partition's size.</summary>
    internal const int SourcePage = 256;

    /// <summary>Outcome lines read per <see cref="ReadOutcomes"/> call at most, matching or not.</summary>
    internal const int MaxScannedLines = 10_000;

    private readonly Queue<SourceName> _buffer = new();

    /// <summary>Names being asked whether they are unchanged (in flight in the book, not counted against the window).</summary>
    private readonly HashSet<string> _checking = new(StringComparer.Ordinal);

    /// <summary>Names checked and found to need a run, waiting for room in the window (in flight in the book).</summary>
    private readonly List<string> _mustRun = [];

    private readonly SemaphoreSlim _writing = new(1, 1);
    private IGrainTimer? _timer;
    private string _sweepId = "";
    private int _partition;
    private bool _advancing;
    private bool _advanceAgain;
    private bool _flushing;
    private bool _waiting;
    private bool _dirty;
    private DateTimeOffset _lastFlush;
    private DateTimeOffset _lastWrite;
    private DateTimeOffset _lastPoll;
    private (int Chunk, List<NameOutcome> Outcomes)? _readCache;
    private (int Chunk, List<string> Names)? _planCache;
    private SweepProgressPush? _push;

    /// <summary>The plan's names while names are added (dropped at start): what <see cref="AddNames"/> skips.</summary>
    private HashSet<string>? _planned;

    private SweepPartitionBook Book => book.State;

    private bool IsRunning => Book.State == SweepState.Running;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_sweepId, _partition) = SweepKeys.ParsePartition(this.GetPrimaryKeyString());
        _lastFlush = _lastWrite = _lastPoll = time.GetUtcNow();
        if (IsRunning) StartTimer();
        return Task.CompletedTask;
    }

    public async Task<int> AddNames(IReadOnlyList<string> names)
    {
        if (Book.State != SweepState.NotStarted) throw new InvalidOperationException($"Sweep {_sweepId} has started: no name can be added.");
        _planned ??= await PlannedAsync();
        var added = names.Distinct(StringComparer.Ordinal).Where(name => !_planned.Contains(name)).ToList();
        if (added.Count == 0) return 0;
        await blobs.WritePlanAsync(_sweepId, _partition, Book.PlanChunks, added, CancellationToken.None);
        Book.PlanChunks++;
        Book.PlanNames += added.Count;
        try
        {
            await WriteAsync();
        }
        catch
        {
            // Not written: the chunk is not part of the plan (a retry writes it again under the same index).
            (Book.PlanChunks, Book.PlanNames) = (Book.PlanChunks - 1, Book.PlanNames - added.Count);
            DeactivateOnIdle();
            throw;
        }
        _planned.UnionWith(added);
        return added.Count;
    }

    /// <summary>The names of the plan's chunks (read once per activation while names are added; a partition's share only).</summary>
    private async Task<HashSet<string>> PlannedAsync()
    {
        var planned = new HashSet<string>(StringComparer.Ordinal);
        for (var chunk = 0; chunk < Book.PlanChunks; chunk++) planned.UnionWith(await blobs.ReadPlanAsync(_sweepId, _partition, chunk, CancellationToken.None));
        return planned;
    }

    public Task<int> CountPlanned() => Task.FromResult(Book.PlanNames);

    public Task<SweepPartitionProgress> Start(SweepPartitionStart start)
    {
        if (Book.State != SweepState.NotStarted) return Task.FromResult(Progress());
        _planned = null;
        Book.Start = start;
        Book.State = SweepState.Running;
        // Written with the first flush (or position write), not now: the coordinator wrote that it started this
        // partition, and starts it again should it answer NotStarted (lost before its first write; its names then
        // answer their stored outcomes). A small partition's only write is then its last flush.
        _dirty = true;
        StartTimer();
        Kick();
        return Task.FromResult(Progress());
    }

    public Task<SweepPartitionProgress> GetProgress() => Task.FromResult(Progress());

    public async Task NameCompleted(NameOutcome outcome)
    {
        if (IsRunning && Record(outcome)) await AdvanceAsync();
    }

    /// <summary>Records an outcome once (<see cref="SweepPartitionBook.Record"/>) and takes its name out of the check stages.</summary>
    private bool Record(NameOutcome outcome)
    {
        if (!Book.Record(outcome)) return false;
        _checking.Remove(outcome.NameKey);
        _mustRun.Remove(outcome.NameKey);
        return true;
    }

    /// <summary>Names that run (started, outcome not recorded), excluding those being checked or waiting to run.</summary>
    private int RunningCount => Book.RunningCount - _checking.Count - _mustRun.Count;

    public async Task<PartitionOutcomePage> ReadOutcomes(OutcomePosition? from, int limit, bool failuresOnly)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var (chunk, line) = from is null ? (0, 0) : (from.Chunk, from.Line);
        var outcomes = new List<NameOutcome>();
        var scanned = 0;
        var chunks = Book.Chunks;
        while (chunk < chunks && outcomes.Count < limit && scanned < MaxScannedLines)
        {
            var lines = await ChunkAsync(chunk);
            for (; line < lines.Count && outcomes.Count < limit && scanned < MaxScannedLines; line++, scanned++)
            {
                if (!failuresOnly || IsFailure(lines[line])) outcomes.Add(lines[line]);
            }
            if (line >= lines.Count) (chunk, line) = (chunk + 1, 0);
        }
        return new PartitionOutcomePage(outcomes, chunk < chunks ? new OutcomePosition(chunk, line) : null);
    }

    /// <summary>True for an outcome the failures view shows: a failed track, or no usable result.</summary>
    internal static bool IsFailure(NameOutcome outcome) => outcome.Failures.Count > 0 || SweepCounters.IsFailed(outcome.Decision);

    private async Task<List<NameOutcome>> ChunkAsync(int chunk)
    {
        if (_readCache is { } cached && cached.Chunk == chunk) return cached.Outcomes;
        var outcomes = await blobs.ReadChunkAsync(_sweepId, _partition, chunk, CancellationToken.None);
        _readCache = (chunk, outcomes);
        return outcomes;
    }

    private SweepPartitionProgress Progress()
    {
        var state = IsRunning && _waiting ? SweepState.WaitingForInference : Book.State;
        return new SweepPartitionProgress(_partition, state, Book.LiveCounters(), Book.RunningCount);
    }

    private NameRunRequest Request() => new(_sweepId, Book.Start!.Model, Book.Start.StartedAt) { Partition = _partition };

    private int Window() =>
        SweepWindows.For(options.Value.NameWindowFor(roles.WorkerCores()), Book.Start!.PartitionsWithNames).Window;

    private void StartTimer()
    {
        var o = options.Value;
        var period = TimeSpan.FromTicks(Math.Clamp(Math.Min(o.PollInterval.Ticks, o.SweepFlushInterval.Ticks),
            TimeSpan.FromMilliseconds(100).Ticks, o.PollInterval.Ticks));
        _timer ??= this.RegisterGrainTimer(TickAsync, period, period);
    }

    private void Kick() => _ = AdvanceAsync();

    /// <summary>Polls the running names when due, flushes when due, fills the window, and writes the walk's position when due.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning) return;
        var now = time.GetUtcNow();
        if (now - _lastPoll >= options.Value.PollInterval)
        {
            _lastPoll = now;
            var running = Book.Running.Where(name => !_checking.Contains(name) && !_mustRun.Contains(name, StringComparer.Ordinal)).ToList();
            var statuses = await Task.WhenAll(running.Select(name => AskAsync(name, firstStart: false)));
            _waiting = statuses.Any(s => s?.State == NameRunState.WaitingForInference);
        }
        await AdvanceAsync();
        if (IsRunning && _dirty && time.GetUtcNow() - _lastWrite >= options.Value.SweepFlushInterval) await WriteAsync();
    }

    /// <summary>
    /// Starts a name (or asks where it is) and records its outcome when done; never awaits the name's run.
    /// <paramref name="firstStart"/>: the first question that may start it (<see cref="NameRunRequest.FirstStart"/>), not a poll.
    /// </summary>
    private async Task<NameRunStatus?> AskAsync(string name, bool firstStart)
    {
        try
        {
            var status = await GrainFactory.GetGrain<IArtistNameGrain>(name).Disambiguate(Request() with { FirstStart = firstStart });
            if (status.State == NameRunState.WaitingForInference) _waiting = true;
            if (status.Outcome is { } outcome && IsRunning && Record(outcome)) Kick();
            return status;
        }
        catch (Exception e)
        {
            LogNameUnreachable(e, name, _sweepId);
            return null;
        }
    }

    /// <summary>
    /// Asks a name taken from the source whether it is unchanged (<see cref="NameRunRequest.CheckOnly"/>): its outcome is
    /// recorded at once, or it waits for room in the window to run. A name that does not answer waits to run too (the
    /// run asks it again, and polls go on).
    /// </summary>
    private async Task CheckAsync(string name)
    {
        NameRunStatus? status = null;
        try
        {
            status = await GrainFactory.GetGrain<IArtistNameGrain>(name).Disambiguate(Request() with { CheckOnly = true });
        }
        catch (Exception e)
        {
            LogNameUnreachable(e, name, _sweepId);
        }
        if (!_checking.Remove(name) || !IsRunning) return;
        if (status?.Outcome is { } outcome) Record(outcome);
        else if (status?.State is null or NameRunState.MustRun) _mustRun.Add(name);
        // Running or waiting already (started by an earlier activation of this partition): it counts in the window.
        Kick();
    }

    /// <summary>Fills the window from the source, flushes when due, completes when every name is counted. One at a time.</summary>
    private async Task AdvanceAsync()
    {
        if (_advancing)
        {
            _advanceAgain = true;
            return;
        }
        _advancing = true;
        try
        {
            do
            {
                _advanceAgain = false;
                if (!IsRunning) return;
                var window = Window();
                var started = new List<string>();
                while (RunningCount < window && _mustRun.Count > 0)
                {
                    started.Add(_mustRun[0]);
                    _mustRun.RemoveAt(0);
                }
                var checks = new List<string>();
                while (_checking.Count + _mustRun.Count < options.Value.NameCheckWindow && !Book.SourceDone)
                {
                    if (_buffer.Count == 0 && !await FillBufferAsync())
                    {
                        Book.SourceDone = true;
                        break;
                    }
                    var next = _buffer.Dequeue();
                    Book.Take(next);
                    _checking.Add(next.Name);
                    checks.Add(next.Name);
                }
                if (checks.Count > 0) _dirty = true;
                foreach (var name in started) _ = AskAsync(name, firstStart: true);
                foreach (var name in checks) _ = CheckAsync(name);
                await FlushAsync(force: Book.SourceDone && Book.RunningCount == 0);
                if (Book.AllNamesDone) await CompleteAsync();
            }
            while (_advanceAgain);
            PushProgress();
        }
        catch (Exception e)
        {
            LogAdvanceFailed(e, _sweepId, _partition);
        }
        finally
        {
            _advancing = false;
        }
    }

    /// <summary>Tells the coordinator where this partition is, when it changed and a second has passed (one-way: never awaited).</summary>
    private void PushProgress()
    {
        if (!IsRunning) return;
        _push ??= new SweepProgressPush(SweepProgressPush.IntervalFor(options.Value));
        var now = time.GetUtcNow();
        if (!_push.MayPush(now)) return;
        var progress = Progress();
        if (_push.Due(progress, now)) _ = GrainFactory.GetGrain<ISweepGrain>(_sweepId).PartitionProgressed(progress);
    }

    /// <summary>Reads the next names after the walk's position (or after the buffer's last); false when none is left.</summary>
    private async Task<bool> FillBufferAsync()
    {
        var from = Book.Position;
        if (Book.Start!.NameList)
        {
            for (var (chunk, line) = (from.PlanChunk, from.PlanLine); chunk < Book.PlanChunks; (chunk, line) = (chunk + 1, 0))
            {
                var names = await PlanAsync(chunk);
                for (var i = line; i < names.Count && _buffer.Count < SourcePage; i++)
                {
                    var after = i + 1 < names.Count ? new SweepPosition(null, chunk, i + 1) : new SweepPosition(null, chunk + 1, 0);
                    _buffer.Enqueue(new SourceName(names[i], after));
                }
                if (_buffer.Count > 0) return true;
            }
            return false;
        }
        var catalog = GrainFactory.GetGrain<ICatalogPartitionGrain>(CatalogKeys.Partition(CatalogKeys.Default, _partition));
        foreach (var name in await catalog.ListNames(from.LastName, SourcePage))
        {
            _buffer.Enqueue(new SourceName(name, new SweepPosition(name, 0, 0)));
        }
        return _buffer.Count > 0;
    }

    private async Task<List<string>> PlanAsync(int chunk)
    {
        if (_planCache is { } cached && cached.Chunk == chunk) return cached.Names;
        var names = await blobs.ReadPlanAsync(_sweepId, _partition, chunk, CancellationToken.None);
        _planCache = (chunk, names);
        return names;
    }

    /// <summary>
    /// Appends the recorded outcomes as the next chunk when due (enough of them, the interval passed, or
    /// <paramref name="force"/>), then counts them and writes the book. A failed book write drops the activation, so the
    /// persisted book (without the chunk) is what goes on.
    /// </summary>
    private async Task FlushAsync(bool force)
    {
        var pending = Book.Pending;
        if (_flushing || pending.Count == 0) return;
        var o = options.Value;
        if (!force && pending.Count < o.SweepFlushOutcomes && time.GetUtcNow() - _lastFlush < o.SweepFlushInterval) return;
        _flushing = true;
        try
        {
            var flushed = pending.ToList();
            await blobs.WriteChunkAsync(_sweepId, _partition, Book.Chunks, flushed, CancellationToken.None);
            Book.CommitFlush(flushed);
            _lastFlush = time.GetUtcNow();
            // The last flush also completes the partition: one write, not two (see CompleteAsync).
            await WriteBookAsync(completing: Book.AllNamesDone, dropActivationOnFailure: true);
        }
        finally
        {
            _flushing = false;
        }
    }

    /// <summary>Marks the partition completed (unless its last flush did), then tells the coordinator.</summary>
    private async Task CompleteAsync()
    {
        if (Book.State != SweepState.Completed) await WriteBookAsync(completing: true, dropActivationOnFailure: false);
        _timer?.Dispose();
        _timer = null;
        _buffer.Clear();
        LogCompleted(_sweepId, _partition, Book.Counters.NamesFinished, Book.Chunks);
        await GrainFactory.GetGrain<ISweepGrain>(_sweepId).PartitionCompleted(_partition, Book.Counters.Copy());
    }

    /// <summary>
    /// Writes the book, marked completed in the same write when <paramref name="completing"/>. A failed write puts the
    /// partition back to running (nothing completed it in storage), drops the activation when
    /// <paramref name="dropActivationOnFailure"/> (so the persisted book is what goes on), and throws.
    /// </summary>
    private async Task WriteBookAsync(bool completing, bool dropActivationOnFailure)
    {
        if (completing) Book.State = SweepState.Completed;
        try
        {
            await WriteAsync();
        }
        catch
        {
            if (completing) Book.State = SweepState.Running;
            if (dropActivationOnFailure) DeactivateOnIdle();
            throw;
        }
    }

    private async Task WriteAsync()
    {
        await _writing.WaitAsync();
        try
        {
            _dirty = false;
            await book.WriteStateAsync();
            _lastWrite = time.GetUtcNow();
        }
        finally
        {
            _writing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Name '{Name}' of sweep {SweepId} did not answer; asked again at the next poll")]
    private partial void LogNameUnreachable(Exception error, string name, string sweepId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId} partition {Partition} could not advance; it tries again at its next tick")]
    private partial void LogAdvanceFailed(Exception error, string sweepId, int partition);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sweep {SweepId} partition {Partition} completed: {Names} names in {Chunks} chunks")]
    private partial void LogCompleted(string sweepId, int partition, int names, int chunks);
}
