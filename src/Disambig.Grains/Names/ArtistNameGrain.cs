using Disambig.Grains.Hosting;
using Disambig.Grains.Placement;
using Disambig.Grains.Services;
using Disambig.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Disambig.Grains.Names;

/// <summary>One artist name: gathers its tracks' vectors for a sweep, clusters them, persists and reports the result.</summary>
/// <remarks>
/// Idle for 2 minutes, an activation goes back (Orleans' default is 15): a sweep deactivates a name after its run, but
/// the alias job and the dashboard read every name after a full sweep, which would otherwise keep a catalog's names in
/// memory (everything is in storage; a later call activates the name again). A running name is not idle that long: its
/// sweep partition asks it every <see cref="PipelineOptions.PollInterval"/> (10 s by default); with a poll interval
/// above 2 minutes a long run may be collected, and the next poll restarts it from its cached vectors.
/// </remarks>
[WorkerRolePlacement]
[CollectionAgeLimit(Minutes = 2)]
internal sealed partial class ArtistNameGrain(
    [PersistentState("name", GrainStorage.Name)] IPersistentState<NameState> state,
    ResultStore results,
    CatalogAudio audio,
    IOptions<PipelineOptions> options,
    IOptions<CurationOptions> curationOptions,
    TimeProvider time,
    PipelineMetrics metrics,
    CpuWorkScheduler cpu,
    ILogger<ArtistNameGrain> logger) : Grain, IArtistNameGrain
{
    private NameRun? _run;
    private NameRunRequest? _queued;
    private CheckedSweep? _checked;

    /// <summary>True once this activation started a run (which may have asked tracks whatever its end).</summary>
    private bool _ranTracks;

    /// <summary>
    /// Held from reading the curation to writing the state, by a run and by a decision: a decision that arrives while a
    /// run clusters waits for it, so neither overwrites the other's audit log or result.
    /// </summary>
    private readonly SemaphoreSlim _persisting = new(1, 1);

    public async Task<TracksAdded> AddTracks(string displayName, IReadOnlyList<TrackRef> tracks)
    {
        await _persisting.WaitAsync();
        try
        {
            var all = await TracksAsync();
            var changed = all.Merge(tracks);
            // Counted with the merge (no await between): a run that takes the list after it covers this change.
            if (changed > 0) state.State.TracksChanged();
            var named = state.State.DisplayName.Length == 0;
            if (named) state.State.DisplayName = displayName;
            if (changed > 0) await SaveTracksAsync(all);
            else if (named) await state.WriteStateAsync();
            // Ingestion touches every name once and does not come back soon: without this, a catalog's names ingested
            // within the collection age (2 minutes, about 200 000 names at 1 700 names/s) stayed in memory together,
            // and the workers' resident memory passed 2 GiB at 1 000 000 names. A running name stays.
            if (_run is null && _queued is null) DeactivateOnIdle();
            return new TracksAdded(changed, state.State.AwaitsSweep);
        }
        catch
        {
            // The list in memory may be ahead of the stored one: read it again next time.
            _tracks = null;
            throw;
        }
        finally
        {
            _persisting.Release();
        }
    }

    public async Task<IReadOnlyList<TrackRef>> GetTracks() => [.. (await TracksAsync()).All];

    public async Task<TrackRefPage> GetTrackPage(int offset, int limit) => (await TracksAsync()).Page(offset, limit);

    public async Task<IReadOnlyList<TrackRef>> FindTracks(IReadOnlyList<string> trackIds) => (await TracksAsync()).Find(trackIds);

    public Task<NameResult?> GetResult() => Task.FromResult(state.State.Result);

    public async Task<TrackAssignmentPage> GetAssignments(int offset, int limit) => NameResultPages.Page(await WholeResultAsync(), offset, limit);

    public async Task<CurationAnswer> Decide(CurationRequest request)
    {
        await _persisting.WaitAsync();
        try
        {
            return await DecideAsync(request);
        }
        finally
        {
            _persisting.Release();
        }
    }

    private async Task<CurationAnswer> DecideAsync(CurationRequest request)
    {
        var tracks = await TracksAsync();
        var (answer, curation) = NameDecisions.Apply(this.GetPrimaryKeyString(), await WholeResultAsync(), state.State.Curation, request,
            [.. tracks.All.Select(t => t.TrackId)], time.GetUtcNow());
        var whole = answer.Result;
        if (whole is not null) answer = answer with { Result = NameResultPages.Summary(whole, options.Value.NameInlineTracks) };
        if (answer.Decision is null || whole is null) return answer;
        await results.WriteNameAsync(whole, CancellationToken.None);
        KeepResult(whole);
        state.State.Curation = curation;
        await state.WriteStateAsync();
        LogDecision(this.GetPrimaryKeyString(), request.Action, request.Curator);
        return answer;
    }

    public Task<IReadOnlyList<CurationDecision>> GetDecisions() => Task.FromResult(state.State.Curation.Decisions);

    public Task<NamePicture?> GetPicture() => Task.FromResult(state.State.Picture);

    public async Task<NameRunStatus> Disambiguate(NameRunRequest request)
    {
        var key = this.GetPrimaryKeyString();
        if ((state.State.OutcomeOf(request.SweepId) ?? UnchangedOutcomeOf(request.SweepId)) is { } done)
            return new NameRunStatus(key, request.SweepId, NameRunState.Completed, done);
        if (_run is null && await TryCheckUnchangedAsync(request) is { } unchanged)
            return new NameRunStatus(key, request.SweepId, NameRunState.Completed, unchanged);
        var running = _run is { } current && current.Request.SweepId == request.SweepId;
        if (request.CheckOnly && !running) return new NameRunStatus(key, request.SweepId, NameRunState.MustRun, null);
        if (_run is null) StartRun(request);
        else if (!running) _queued = request;
        var waiting = _run is { } run && run.Request.SweepId == request.SweepId && run.Waiting;
        return new NameRunStatus(key, request.SweepId, waiting ? NameRunState.WaitingForInference : NameRunState.Running, null);
    }

    private void StartRun(NameRunRequest request)
    {
        // New tracks: the sweep's first question to a name with no run on record, and no run started by this activation.
        _run = new NameRun(request, newTracks: request.FirstStart && !_ranTracks && state.State.NoRunOnRecord);
        _ranTracks = true;
        _ = RunAsync(_run);
    }

    private async Task RunAsync(NameRun run)
    {
        var request = run.Request;
        try
        {
            var tracks = (await TracksAsync()).All.ToList();
            var changes = state.State.TrackChanges;
            // A run started from the queue was not checked by Disambiguate: an unchanged name ends here and tells the sweep.
            if (await CheckUnchangedAsync(request) is { } unchanged)
            {
                await GrainFactory.ReportOutcomeAsync(request, unchanged);
                return;
            }
            var outcomes = await new TrackGathering(options.Value).GatherAsync(tracks,
                track => GrainFactory.GetGrain<ITrackGrain>(track.TrackId).Embed(new TrackEmbedRequest(track, request.Model, request.SweepId) { NewTrack = run.NewTracks }),
                waiting => run.Waiting = waiting, CancellationToken.None);
            var (key, displayName) = (this.GetPrimaryKeyString(), state.State.DisplayName);
            await _persisting.WaitAsync();
            using var persisting = new Releaser(_persisting);
            var (previous, curation) = (await WholeResultAsync(), state.State.Curation);
            var ceiling = options.Value.ExactClusterCeiling();
            var (result, outcome, curated, picture) = await cpu.RunAsync(() => NameResultBuilder.Build(key, displayName, request, outcomes,
                time.GetUtcNow(), previous, curation, curationOptions.Value, maxExactTracks: ceiling), CancellationToken.None);
            var current = await GrainFactory.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).GetCurrent();
            var replace = state.State.MayReplaceResult(request, current?.Version);
            if (replace)
            {
                await results.WriteNameAsync(result, CancellationToken.None);
                (state.State.Curation, state.State.Picture) = (curated, picture);
            }
            else LogResultKept(key, request.SweepId, request.Model.Version);
            outcome = NameResultPages.Bounded(outcome, options.Value.NameInlineTracks);
            state.State.Complete(request, result, outcome, replace, NameFingerprint.OfRun(request.Model.Version, tracks, outcomes));
            state.State.MarkSwept(changes);
            if (replace) KeepResult(result);
            await state.WriteStateAsync();
            persisting.Dispose();
            LogNameCompleted(key, request.SweepId, result.Decision, result.Entities.Count, outcome.Failures.Count);
            metrics.NameCompleted(outcome);
            await GrainFactory.ReportOutcomeAsync(request, outcome);
            // Asked once a sweep: the activation's memory (a big name's track list and result) goes back at once.
            if (_queued is null) DeactivateOnIdle();
        }
        catch (Exception e)
        {
            // The sweep polls its names: the run starts again on its next question, until its attempts are spent.
            LogRunFailed(e, this.GetPrimaryKeyString(), request.SweepId);
            await FailAttemptAsync(request, e);
        }
        finally
        {
            _run = null;
            if (_queued is { } next)
            {
                _queued = null;
                StartRun(next);
            }
        }
    }

    /// <summary>
    /// The <see cref="NameDecision.Unchanged"/> outcome of <paramref name="request"/> when the name's audio is as it was
    /// when its result was made (its entity tags, from one listing per release folder, not one call per track, give the
    /// stored fingerprint); null when the name must run. Checked once per sweep and activation; nothing is written
    /// unless a failed attempt of the sweep must be forgotten (<see cref="NameState.CompleteUnchanged"/>).
    /// </summary>
    private async Task<NameOutcome?> CheckUnchangedAsync(NameRunRequest request)
    {
        if (_checked?.SweepId == request.SweepId) return _checked.Outcome;
        if (!state.State.MayBeUnchanged(request))
        {
            _checked = new CheckedSweep(request.SweepId, null);
            return null;
        }
        var tracks = (await TracksAsync()).All;
        var changes = state.State.TrackChanges;
        var etags = await audio.ListETagsAsync(tracks.Select(t => t.AudioPath), CancellationToken.None);
        if (!state.State.IsUnchanged(request, NameFingerprint.Of(request.Model.Version, tracks, t => etags.GetValueOrDefault(t.AudioPath))))
        {
            _checked = new CheckedSweep(request.SweepId, null);
            return null;
        }
        var key = this.GetPrimaryKeyString();
        NameOutcome outcome;
        await _persisting.WaitAsync();
        try
        {
            (outcome, var changed) = state.State.CompleteUnchanged(request, key);
            // Written only when it changed: a nightly sweep of unchanged names writes nothing.
            if (state.State.MarkSwept(changes) | changed) await state.WriteStateAsync();
        }
        finally
        {
            _persisting.Release();
        }
        _checked = new CheckedSweep(request.SweepId, outcome);
        LogNameUnchanged(key, request.SweepId);
        metrics.NameCompleted(outcome);
        // Asked once a sweep: the activation's memory goes back at once (a later question activates it again).
        DeactivateOnIdle();
        return outcome;
    }

    /// <summary>
    /// <see cref="CheckUnchangedAsync"/> inside <see cref="Disambiguate"/>: a check that fails (storage) answers null, so
    /// the name runs, and the run's own check counts the failure against the name's attempts.
    /// </summary>
    private async Task<NameOutcome?> TryCheckUnchangedAsync(NameRunRequest request)
    {
        try
        {
            return await CheckUnchangedAsync(request);
        }
        catch (Exception e)
        {
            LogCheckFailed(e, this.GetPrimaryKeyString(), request.SweepId);
            return null;
        }
    }

    /// <summary>The unchanged outcome of <paramref name="sweepId"/> found by this activation, if any.</summary>
    private NameOutcome? UnchangedOutcomeOf(string sweepId) => _checked?.SweepId == sweepId ? _checked.Outcome : null;

    /// <summary>The last sweep whose question this activation checked, and its unchanged outcome (null: the name must run).</summary>
    private sealed record CheckedSweep(string SweepId, NameOutcome? Outcome);

    /// <summary>Releases a semaphore once, however often disposed.</summary>
    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private SemaphoreSlim? _semaphore = semaphore;

        public void Dispose() => Interlocked.Exchange(ref _semaphore, null)?.Release();
    }

    private async Task FailAttemptAsync(NameRunRequest request, Exception error)
    {
        // Unreachable storage is waited out, never counted against the name.
        if (StorageOutage.IsCause(error)) return;
        try
        {
            var failed = state.State.FailAttempt(request, this.GetPrimaryKeyString(), error, options.Value.MaxNameAttempts);
            await state.WriteStateAsync();
            if (failed is null) return;
            metrics.NameCompleted(failed);
            await GrainFactory.ReportOutcomeAsync(request, failed);
        }
        catch (Exception e)
        {
            LogRunFailed(e, this.GetPrimaryKeyString(), request.SweepId);
        }
    }

    /// <summary>A run in progress; lives only in the activation (a lost activation restarts the run from cached vectors).</summary>
    /// <param name="request">The sweep's question.</param>
    /// <param name="newTracks">True when none of the name's tracks can have a state yet (<see cref="TrackEmbedRequest.NewTrack"/>).</param>
    private sealed class NameRun(NameRunRequest request, bool newTracks)
    {
        public NameRunRequest Request { get; } = request;

        public bool NewTracks { get; } = newTracks;

        public bool Waiting { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Name '{Name}' done for sweep {SweepId}: {Decision}, {Entities} entities, {Failures} failed tracks")]
    private partial void LogNameCompleted(string name, string sweepId, NameDecision decision, int entities, int failures);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Name '{Name}' unchanged for sweep {SweepId}: same model and audio as its result")]
    private partial void LogNameUnchanged(string name, string sweepId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Name '{Name}': the unchanged check for sweep {SweepId} failed; the name runs")]
    private partial void LogCheckFailed(Exception error, string name, string sweepId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Name '{Name}': {Action} by {Curator}")]
    private partial void LogDecision(string name, CurationAction action, string curator);

    [LoggerMessage(Level = LogLevel.Information, Message = "Name '{Name}': sweep {SweepId} (model {ModelVersion}) kept the result of a newer sweep or the current model")]
    private partial void LogResultKept(string name, string sweepId, string modelVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run of name '{Name}' for sweep {SweepId} failed; it restarts when the sweep asks again")]
    private partial void LogRunFailed(Exception error, string name, string sweepId);
}
