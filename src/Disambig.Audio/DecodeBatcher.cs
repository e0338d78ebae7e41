namespace Disambig.Audio;

/// <summary>
/// The batching front of the decoder: concurrent decodes of one <see cref="TrackAudioDecoder"/> share ffmpeg processes
/// (<see cref="FfmpegBatchReader"/>, at most <see cref="AudioOptions.BatchTracks"/> tracks each) without leaving a core
/// idle that a track could use.
/// <list type="bullet">
/// <item>While fewer than <see cref="AudioOptions.DecodeProcesses"/> ffmpeg runs of this front are in progress (free
/// slots), the tracks that arrive within <see cref="AudioOptions.BatchGather"/> of the first are gathered (up to
/// BatchTracks per free slot) and then spread evenly over the free slots, one process each: a burst of tracks shares
/// process starts, and a lone track starts alone after that short wait.</item>
/// <item>While every slot is busy, tracks wait in batches of BatchTracks. When a run ends, the full batches start first,
/// one per free slot, oldest first, then the batch still filling (spread over the slots still free); a batch that has
/// waited <see cref="AudioOptions.BatchWait"/> since its first track starts although no slot is free. So no more runs
/// than slots share the cores while tracks keep coming.</item>
/// <item>At the end of a burst (a run ends and no more than one batch of tracks waits), those tracks are spread over
/// the free slot and the runs that will end soon (<see cref="DrainSplit"/>) instead of running alone at the end while
/// the other cores idle.</item>
/// </list>
/// A batch of one takes the single-track path. A batch whose run fails is decoded again track by track, each with its
/// caller's token, so a broken file fails alone with its own <see cref="AudioDecodeException"/> and the others succeed.
/// Cancellation: a caller still waiting to be batched leaves at once; a caller in a running batch whose other callers
/// have all left (or finished) kills ffmpeg, and returns after the process has exited; a caller leaving a batch that
/// still serves others returns at once while ffmpeg finishes for them.
/// </summary>
internal sealed class DecodeBatcher(AudioOptions options, TimeProvider timeProvider)
{
    private readonly object _lock = new();
    private readonly CorePlacement? _placement = CorePlacement.Create(options);
    private List<Pending> _open = [];
    private bool _gathering; // _open was opened while slots were free: it gathers for BatchGather; guarded by _lock
    private readonly List<List<Pending>> _ready = []; // full batches waiting for a slot, oldest first; guarded by _lock
    private readonly List<Batch> _inProgress = []; // ffmpeg runs (alone or shared) of this batcher in progress; guarded by _lock
    private int _sharedRuns;
    private int _runs;

    /// <summary>ffmpeg processes started so far for more than one track (tests and benchmarks check that tracks shared them).</summary>
    public int SharedRuns => Volatile.Read(ref _sharedRuns);

    /// <summary>Runs started so far, shared or of one track (a failed batch's retries track by track not counted).</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>Where this batcher's ffmpeg processes are pinned (<see cref="AudioOptions.PinDecodeProcesses"/>); null: not pinned.</summary>
    internal CorePlacement? Placement => _placement;

    /// <summary>Tracks waiting for a run to start (tests wait for them before they free a slot).</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
                return _open.Count + _ready.Sum(batch => batch.Count);
        }
    }

    private int Running => _inProgress.Count;

    /// <summary>Decodes one track's request, alone or in a batch.</summary>
    public Task<FfmpegPcmReader.Pcm> ReadAsync(FfmpegPcmReader.DecodeRequest request, CancellationToken cancellationToken)
    {
        if (options.BatchTracks == 1)
            return FfmpegPcmReader.ReadPcmAsync(request, options, _placement, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(request, cancellationToken);
        List<List<Pending>>? runs = null;
        List<Pending> open;
        TimeSpan? wait = null;
        lock (_lock)
        {
            open = _open;
            open.Add(pending);
            if (open.Count == 1)
            {
                _gathering = Running < options.DecodeProcesses;
                if (_gathering && options.BatchGather <= TimeSpan.Zero)
                    runs = TakeOpen();
                else
                    wait = _gathering ? options.BatchGather : options.BatchWait;
            }
            if (runs is null && _gathering && open.Count >= FreeSlots() * options.BatchTracks)
                runs = TakeOpen();
            else if (runs is null && !_gathering && open.Count >= options.BatchTracks)
            {
                if (options.DecodeProcesses == 0 || !options.BatchesWaitForSlots)
                    runs = TakeOpen(); // the pure size/wait front, or the sixth round's rule: a full batch starts at once
                else
                {
                    // Every slot is busy: the full batch waits for one to free (or for BatchWait), so that no more runs
                    // than slots share the cores and a run that ends can hand its slot to the tracks left.
                    _ready.Add(open);
                    _open = [];
                }
            }
        }
        pending.Registration = cancellationToken.Register(() => Cancel(pending));
        if (runs is not null)
            foreach (var run in runs)
                _ = RunThenNextAsync(run);
        else if (wait is { } delay)
            _ = FlushAfterWaitAsync(open, delay);
        return pending.Completion.Task;
    }

    private async Task FlushAfterWaitAsync(List<Pending> open, TimeSpan delay)
    {
        await Task.Delay(delay, timeProvider).ConfigureAwait(false);
        List<List<Pending>> runs;
        lock (_lock)
        {
            if (ReferenceEquals(open, _open) && open.Count > 0)
                runs = TakeOpen();
            else if (_ready.Remove(open))
                runs = Start(open, 1); // waited BatchWait for a slot: starts although no run has ended
            else
                return; // taken when it filled up or a process ended, or all its callers left
        }
        foreach (var run in runs.Skip(1))
            _ = RunThenNextAsync(run);
        await RunThenNextAsync(runs[0]).ConfigureAwait(false);
    }

    /// <summary>ffmpeg runs that may still start before tracks wait for one to end (at least 1).</summary>
    private int FreeSlots() => Math.Max(1, options.DecodeProcesses - Running);

    /// <summary>
    /// The open batch's tracks become runs that start now: spread evenly over the free slots (one run when none is free,
    /// as many as there are tracks at most). Called under the lock.
    /// </summary>
    private List<List<Pending>> TakeOpen()
    {
        var waiting = _open;
        _open = [];
        return Start(waiting, FreeSlots());
    }

    /// <summary><paramref name="tracks"/> spread evenly over <paramref name="count"/> runs (1 to their number), counted as running. Called under the lock.</summary>
    private List<List<Pending>> Start(List<Pending> tracks, int count)
    {
        count = Math.Clamp(count, 1, tracks.Count);
        var now = timeProvider.GetTimestamp();
        var runs = new List<List<Pending>>(count);
        for (var r = 0; r < count; r++)
        {
            var from = r * tracks.Count / count;
            var members = tracks.GetRange(from, (r + 1) * tracks.Count / count - from);
            var run = new Batch(members, now);
            foreach (var pending in members)
                pending.Batch = run;
            _inProgress.Add(run);
            runs.Add(members);
        }
        return runs;
    }

    /// <summary>
    /// What starts when <paramref name="ended"/> has ended and a slot is free: the full batches that waited, oldest first,
    /// one per free slot, then the open batch spread over the slots still free. When no more than one batch of tracks
    /// waits (the end of a burst), they are spread instead over the free slots and the runs that will end soon
    /// (<see cref="DrainSplit"/>), so that the last tracks do not run alone on one core while the others idle.
    /// Called under the lock.
    /// </summary>
    private List<List<Pending>>? TakeAfterRun(Batch ended)
    {
        // A gathering batch keeps gathering (its wait is short); waiting ones start now that a slot is free.
        if (Running >= options.DecodeProcesses || (_ready.Count == 0 && (_open.Count == 0 || _gathering)))
            return null;
        var waiting = _open.Count + _ready.Sum(batch => batch.Count);
        if (waiting <= options.BatchTracks && options.BatchesWaitForSlots)
        {
            List<Pending> last = [.. _ready.SelectMany(batch => batch), .. _open];
            _ready.Clear();
            _open = [];
            var now = timeProvider.GetTimestamp();
            var count = DrainSplit.Runs(last.Count, options.DecodeProcesses - Running,
                timeProvider.GetElapsedTime(ended.StartedAt, now), ended.Members.Count,
                _inProgress.Select(run => new DrainSplit.Running(timeProvider.GetElapsedTime(run.StartedAt, now), run.Members.Count)));
            return Start(last, count);
        }
        var runs = new List<List<Pending>>();
        while (Running < options.DecodeProcesses && _ready.Count > 0)
        {
            runs.AddRange(Start(_ready[0], 1));
            _ready.RemoveAt(0);
        }
        if (Running < options.DecodeProcesses && _open.Count > 0 && !_gathering)
            runs.AddRange(TakeOpen());
        return runs;
    }

    /// <summary>Runs a batch; when it ends, the tracks that waited meanwhile start at once if a slot is free.</summary>
    private async Task RunThenNextAsync(List<Pending> batch)
    {
        while (true)
        {
            await RunAsync(batch).ConfigureAwait(false);
            List<List<Pending>>? runs;
            lock (_lock)
            {
                var ended = batch[0].Batch!;
                _inProgress.Remove(ended);
                runs = TakeAfterRun(ended);
                if (runs is null || runs.Count == 0)
                    return;
            }
            foreach (var run in runs.Skip(1))
                _ = RunThenNextAsync(run);
            batch = runs[0];
        }
    }

    private async Task RunAsync(List<Pending> members)
    {
        var batch = members[0].Batch!;
        Interlocked.Increment(ref _runs);
        if (members.Count == 1)
        {
            await SingleAsync(members[0]).ConfigureAwait(false);
            return;
        }
        FfmpegPcmReader.Pcm[] results;
        Interlocked.Increment(ref _sharedRuns);
        try
        {
            results = await FfmpegBatchReader.ReadAsync(members.Select(p => p.Request).ToArray(), options, _placement, batch.Cancellation.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (batch.Cancellation.IsCancellationRequested)
        {
            // Every caller left: ffmpeg has been killed and has exited.
            foreach (var pending in members)
                pending.Fail(new OperationCanceledException(pending.Token));
            return;
        }
        catch (Exception)
        {
            // One track can fail a whole batch: each is decoded alone, so that the broken one is named by its own error.
            await Task.WhenAll(members.Select(SingleAsync)).ConfigureAwait(false);
            return;
        }
        for (var i = 0; i < members.Count; i++)
            members[i].Succeed(results[i]);
    }

    private async Task SingleAsync(Pending pending)
    {
        if (pending.Completion.Task.IsCompleted)
            return;
        try
        {
            pending.Succeed(await FfmpegPcmReader.ReadPcmAsync(pending.Request, options, _placement, pending.Token).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            pending.Fail(e);
        }
    }

    private void Cancel(Pending pending)
    {
        bool waiting;
        bool last = false;
        lock (_lock)
        {
            waiting = pending.Batch is null;
            if (waiting && !_open.Remove(pending))
                foreach (var batch in _ready)
                {
                    if (!batch.Remove(pending))
                        continue;
                    if (batch.Count == 0)
                        _ready.Remove(batch);
                    break;
                }
            if (!waiting)
            {
                pending.Left = true;
                last = pending.Batch!.Members.All(p => p.Left || p.Completion.Task.IsCompleted);
            }
        }
        if (last && pending.Batch!.Members.Count > 1)
            pending.Batch.Cancellation.Cancel(); // the run ends by killing ffmpeg; its callers are answered after the exit
        else if (waiting || pending.Batch!.Members.Count > 1)
            pending.Fail(new OperationCanceledException(pending.Token));
        // A batch of one runs the single-track path with this token: it kills its own ffmpeg and answers.
    }

    private sealed class Batch(List<Pending> members, long startedAt)
    {
        public List<Pending> Members { get; } = members;

        /// <summary>When the run started (<see cref="TimeProvider.GetTimestamp"/>).</summary>
        public long StartedAt { get; } = startedAt;

        public CancellationTokenSource Cancellation { get; } = new();
    }

    private sealed class Pending(FfmpegPcmReader.DecodeRequest request, CancellationToken token)
    {
        public FfmpegPcmReader.DecodeRequest Request { get; } = request;
        public CancellationToken Token { get; } = token;
        public TaskCompletionSource<FfmpegPcmReader.Pcm> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration { get; set; }
        public Batch? Batch { get; set; }
        public bool Left { get; set; }

        public void Succeed(FfmpegPcmReader.Pcm pcm)
        {
            if (Completion.TrySetResult(pcm))
                Registration.Dispose();
        }

        public void Fail(Exception error)
        {
            var set = error is OperationCanceledException ? Completion.TrySetCanceled(Token) : Completion.TrySetException(error);
            if (set)
                Registration.Dispose();
        }
    }
}
