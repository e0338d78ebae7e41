namespace Disambig.Audio;

/// <summary>
/// The batching front of the decoder. While fewer than <see cref="AudioOptions.DecodeProcesses"/> ffmpeg runs of this
/// front are in progress, a track starts at once (alone: no wait, no batching when the cores are not all busy).
/// Otherwise concurrent decodes of one <see cref="TrackAudioDecoder"/> are collected and decoded by one ffmpeg process
/// (<see cref="FfmpegBatchReader"/>) as soon as <see cref="AudioOptions.BatchTracks"/> tracks are there, a run ends, or
/// <see cref="AudioOptions.BatchWait"/> has passed since the first. A lone track, or a batch size of 1, takes the
/// single-track path. A batch whose run fails is decoded again track by track, each with its caller's token, so a
/// broken file fails alone with its own <see cref="AudioDecodeException"/> and the others succeed.
/// Cancellation: a caller still waiting to be batched leaves at once; a caller in a running batch whose other callers
/// have all left (or finished) kills ffmpeg, and returns after the process has exited; a caller leaving a batch that
/// still serves others returns at once while ffmpeg finishes for them.
/// </summary>
internal sealed class DecodeBatcher(AudioOptions options, TimeProvider timeProvider)
{
    private readonly object _lock = new();
    private List<Pending> _open = [];
    private int _running; // ffmpeg runs (alone or shared) of this batcher in progress; guarded by _lock
    private int _sharedRuns;

    /// <summary>ffmpeg processes started so far for more than one track (tests and benchmarks check that tracks shared them).</summary>
    public int SharedRuns => Volatile.Read(ref _sharedRuns);

    /// <summary>Decodes one track's request, alone or in a batch.</summary>
    public Task<FfmpegPcmReader.Pcm> ReadAsync(FfmpegPcmReader.DecodeRequest request, CancellationToken cancellationToken)
    {
        if (options.BatchTracks == 1)
            return FfmpegPcmReader.ReadPcmAsync(request, options, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(request, cancellationToken);
        List<Pending>? full = null;
        List<Pending> open;
        bool first;
        lock (_lock)
        {
            open = _open;
            open.Add(pending);
            first = open.Count == 1;
            if (open.Count >= options.BatchTracks || _running < options.DecodeProcesses)
                full = TakeOpen();
        }
        pending.Registration = cancellationToken.Register(() => Cancel(pending));
        if (full is not null)
            _ = RunThenNextAsync(full);
        else if (first)
            _ = FlushAfterWaitAsync(open);
        return pending.Completion.Task;
    }

    private async Task FlushAfterWaitAsync(List<Pending> open)
    {
        await Task.Delay(options.BatchWait, timeProvider).ConfigureAwait(false);
        lock (_lock)
        {
            if (!ReferenceEquals(open, _open) || open.Count == 0)
                return; // taken when it filled up or a process ended, or all its callers left
            TakeOpen();
        }
        await RunThenNextAsync(open).ConfigureAwait(false);
    }

    /// <summary>The waiting tracks become a batch that runs now. Called under the lock.</summary>
    private List<Pending> TakeOpen()
    {
        var batch = _open;
        _open = [];
        var run = new Batch(batch);
        foreach (var pending in batch)
            pending.Batch = run;
        _running++;
        return batch;
    }

    /// <summary>Runs a batch; when it ends, the tracks that waited meanwhile go together at once if a process is free.</summary>
    private async Task RunThenNextAsync(List<Pending> batch)
    {
        while (true)
        {
            await RunAsync(batch).ConfigureAwait(false);
            lock (_lock)
            {
                _running--;
                if (_open.Count == 0 || _running >= options.DecodeProcesses)
                    return;
                batch = TakeOpen();
            }
        }
    }

    private async Task RunAsync(List<Pending> members)
    {
        var batch = members[0].Batch!;
        if (members.Count == 1)
        {
            await SingleAsync(members[0]).ConfigureAwait(false);
            return;
        }
        FfmpegPcmReader.Pcm[] results;
        Interlocked.Increment(ref _sharedRuns);
        try
        {
            results = await FfmpegBatchReader.ReadAsync(members.Select(p => p.Request).ToArray(), options, batch.Cancellation.Token)
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
            pending.Succeed(await FfmpegPcmReader.ReadPcmAsync(pending.Request, options, pending.Token).ConfigureAwait(false));
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
            if (waiting)
                _open.Remove(pending);
            else
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

    private sealed class Batch(List<Pending> members)
    {
        public List<Pending> Members { get; } = members;

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
