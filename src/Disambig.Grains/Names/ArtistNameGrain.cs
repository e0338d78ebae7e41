using Disambig.Grains.Hosting;
using Disambig.Grains.Placement;
using Disambig.Grains.Services;
using Disambig.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Disambig.Grains.Names;

/// <summary>One artist name: gathers its tracks' vectors for a sweep, clusters them, persists and reports the result.</summary>
[WorkerRolePlacement]
internal sealed partial class ArtistNameGrain(
    [PersistentState("name", GrainStorage.Name)] IPersistentState<NameState> state,
    ResultStore results,
    IOptions<PipelineOptions> options,
    ILogger<ArtistNameGrain> logger) : Grain, IArtistNameGrain
{
    private NameRun? _run;
    private NameRunRequest? _queued;

    public async Task<int> AddTracks(string displayName, IReadOnlyList<TrackRef> tracks)
    {
        var changed = state.State.Merge(displayName, tracks);
        if (changed > 0) await state.WriteStateAsync();
        return changed;
    }

    public Task<IReadOnlyList<TrackRef>> GetTracks() => Task.FromResult<IReadOnlyList<TrackRef>>(state.State.Tracks.ToList());

    public Task<NameResult?> GetResult() => Task.FromResult(state.State.Result);

    public Task<NameRunStatus> Disambiguate(NameRunRequest request)
    {
        if (state.State.OutcomeOf(request.SweepId) is { } done)
            return Task.FromResult(new NameRunStatus(this.GetPrimaryKeyString(), request.SweepId, NameRunState.Completed, done));
        if (_run is null) StartRun(request);
        else if (_run.Request.SweepId != request.SweepId) _queued = request;
        var waiting = _run is { } run && run.Request.SweepId == request.SweepId && run.Waiting;
        return Task.FromResult(new NameRunStatus(this.GetPrimaryKeyString(), request.SweepId,
            waiting ? NameRunState.WaitingForInference : NameRunState.Running, null));
    }

    private void StartRun(NameRunRequest request)
    {
        _run = new NameRun(request);
        _ = RunAsync(_run);
    }

    private async Task RunAsync(NameRun run)
    {
        var request = run.Request;
        try
        {
            var tracks = state.State.Tracks.ToList();
            var outcomes = await new TrackGathering(options.Value).GatherAsync(tracks,
                track => GrainFactory.GetGrain<ITrackGrain>(track.TrackId).Embed(new TrackEmbedRequest(track, request.Model, request.SweepId)),
                waiting => run.Waiting = waiting, CancellationToken.None);
            var (key, displayName) = (this.GetPrimaryKeyString(), state.State.DisplayName);
            var ceiling = options.Value.ExactClusterCeiling();
            var (result, outcome) = await Task.Run(() => NameResultBuilder.Build(key, displayName, request, outcomes, DateTimeOffset.UtcNow, maxExactTracks: ceiling));
            var current = await GrainFactory.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).GetCurrent();
            var replace = state.State.MayReplaceResult(request, current?.Version);
            if (replace) await results.WriteNameAsync(result, CancellationToken.None);
            else LogResultKept(key, request.SweepId, request.Model.Version);
            state.State.Complete(request, result, outcome, replace);
            await state.WriteStateAsync();
            LogNameCompleted(key, request.SweepId, result.Decision, result.Entities.Count, outcome.Failures.Count);
            PipelineMetrics.NameCompleted(outcome);
            await GrainFactory.GetGrain<ISweepGrain>(request.SweepId).NameCompleted(outcome);
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

    private async Task FailAttemptAsync(NameRunRequest request, Exception error)
    {
        // Unreachable storage is waited out, never counted against the name.
        if (StorageOutage.IsCause(error)) return;
        try
        {
            var failed = state.State.FailAttempt(request, this.GetPrimaryKeyString(), error, options.Value.MaxNameAttempts);
            await state.WriteStateAsync();
            if (failed is null) return;
            PipelineMetrics.NameCompleted(failed);
            await GrainFactory.GetGrain<ISweepGrain>(request.SweepId).NameCompleted(failed);
        }
        catch (Exception e)
        {
            LogRunFailed(e, this.GetPrimaryKeyString(), request.SweepId);
        }
    }

    /// <summary>A run in progress; lives only in the activation (a lost activation restarts the run from cached vectors).</summary>
    private sealed class NameRun(NameRunRequest request)
    {
        public NameRunRequest Request { get; } = request;

        public bool Waiting { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Name '{Name}' done for sweep {SweepId}: {Decision}, {Entities} entities, {Failures} failed tracks")]
    private partial void LogNameCompleted(string name, string sweepId, NameDecision decision, int entities, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Name '{Name}': sweep {SweepId} (model {ModelVersion}) kept the result of a newer sweep or the current model")]
    private partial void LogResultKept(string name, string sweepId, string modelVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run of name '{Name}' for sweep {SweepId} failed; it restarts when the sweep asks again")]
    private partial void LogRunFailed(Exception error, string name, string sweepId);
}
