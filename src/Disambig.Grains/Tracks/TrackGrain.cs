using Disambig.Segments;
using Disambig.Audio;
using Disambig.Grains.Hosting;
using Disambig.Grains.Placement;
using Disambig.Grains.Services;
using Disambig.Vectors;
using Disambig.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Disambig.Grains.Tracks;

/// <summary>
/// One track: the cached vector that serves its audio ETag, model version and features (<see cref="TrackVectorKey"/>),
/// else the shared <see cref="TrackVectoriser"/> (decode and mel here, inference through an inference grain, mean,
/// renormalise). Placed on worker silos, on the asking name's own silo (<see cref="WorkerLocalPlacement"/>: its calls
/// cross no network); decodes nothing while no inference silo is up.
/// </summary>
[WorkerLocalPlacement]
internal sealed partial class TrackGrain(
    CatalogAudio audio,
    ITrackFeatures features,
    AudioOptions audioOptions,
    IOptions<PipelineOptions> options,
    IClusterRoles roles,
    ILogger<TrackGrain> logger) : Grain, ITrackGrain
{
    /// <summary>The track's state, read only when it may exist (see <see cref="TrackStateStore"/>).</summary>
    private TrackStateStore? _stored;

    private TrackStateStore Stored =>
        _stored ??= new TrackStateStore(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name), this.GetGrainId());

    public async Task<TrackOutcome> Embed(TrackEmbedRequest request)
    {
        try
        {
            return await EmbedTrackAsync(request);
        }
        finally
        {
            // Asked once a sweep by its name: what it keeps is persisted, so its memory goes back after the answer (a
            // catalog's track activations would otherwise stay for the collection age, gigabytes at 100 000 names).
            DeactivateOnIdle();
        }
    }

    private async Task<TrackOutcome> EmbedTrackAsync(TrackEmbedRequest request)
    {
        var track = request.Track;
        BlobInfo? info;
        try
        {
            info = await audio.GetInfoAsync(track.AudioPath, CancellationToken.None);
        }
        catch (InvalidBlobNameException e)
        {
            return TrackOutcome.Failed(TrackFailures.Of(track, TrackFailureReason.InvalidPath, e.Message));
        }
        if (info is null)
            return TrackOutcome.Failed(TrackFailures.Of(track, TrackFailureReason.FileNotFound, $"no audio object '{track.AudioPath}' in the catalog store"));
        return await EmbedAudioAsync(request, info.ETag) with { AudioETag = info.ETag };
    }

    private async Task<TrackOutcome> EmbedAudioAsync(TrackEmbedRequest request, string etag)
    {
        var track = request.Track;
        // The model says how it wants its audio cut; the host says how many segments a track gives.
        var key = new TrackVectorKey(etag, request.Model.Version, new VectorFeatures(request.Model.AudioSegmentSeconds, audioOptions.SegmentCount));
        // A track its name never asked has no state: nothing is read (a wrong hint is caught by the first write).
        if (!request.NewTrack) await Stored.ReadAsync();
        if (Known(Stored.State, request, key) is { } known) return known;

        var (vector, failure) = await ComputeAsync(track, request.Model);
        if (failure is not null)
        {
            LogTrackFailed(track.TrackId, track.AudioPath, failure.Reason, failure.Message);
            return await Stored.WriteAsync(s => Known(s, request, key), s => s.Fail(etag, failure, request.Model.Version))
                ?? TrackOutcome.Failed(failure);
        }
        return await Stored.WriteAsync(s => Known(s, request, key), s =>
            {
                s.Keep(key, vector!, request.SweepId);
                return true;
            })
            ?? TrackOutcome.Vectorised(track.TrackId, vector!, cached: false);
    }

    /// <summary>What <paramref name="state"/> already answers for <paramref name="key"/>: a remembered failure or a cached vector; null when nothing.</summary>
    private static TrackOutcome? Known(TrackState state, TrackEmbedRequest request, TrackVectorKey key)
    {
        if (state.FailureOf(key.AudioETag, key.Model) is { } failure) return TrackOutcome.Failed(failure);
        return state.Find(key) is { } cached
            ? TrackOutcome.Vectorised(request.Track.TrackId, cached.Vector, cached: cached.ComputedBySweep != request.SweepId)
            : null;
    }

    public Task Forget() => Stored.ClearAsync();

    private async Task<(float[]? Vector, TrackFailure? Failure)> ComputeAsync(TrackRef track, ModelRef model)
    {
        // A cluster whose GPU pool is at zero waits (the name pauses on this error) instead of decoding in a loop.
        var inferenceSilos = roles.SilosWithRole(SiloRoles.Inference);
        if (inferenceSilos == 0) throw new NoInferenceSiloException();
        SegmentBatch segments;
        try
        {
            await using var file = await audio.OpenLocalAsync(track.AudioPath, CancellationToken.None);
            segments = await features.ExtractAsync(file.Path, model.AudioSegmentSeconds, CancellationToken.None);
        }
        catch (AudioDecodeException e)
        {
            return (null, TrackFailures.Of(track, e));
        }
        var slot = InferenceKey.SlotFor(track.TrackId, options.Value.InferenceKeysFor(inferenceSilos));
        var vectoriser = new TrackVectoriser(new InferenceGrainEmbedder(GrainFactory, slot));
        try
        {
            return (await vectoriser.VectoriseAsync(segments, model.Version, CancellationToken.None), null);
        }
        catch (ArgumentException e)
        {
            return (null, TrackFailures.Of(track, TrackFailureReason.EmbeddingFailed, e.Message));
        }
    }

    /// <summary>The model service as the track grain reaches it: the inference grain of the model version and slot.</summary>
    private sealed class InferenceGrainEmbedder(IGrainFactory grains, int slot) : ISegmentEmbedder
    {
        public Task<EmbeddingBatch> EmbedAsync(string modelVersion, HalfSegmentBatch segments, CancellationToken cancellationToken) =>
            grains.GetGrain<IInferenceGrain>(InferenceKey.Of(modelVersion, slot)).Embed(segments);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Track {TrackId} ({AudioPath}) failed: {Reason}: {Detail}")]
    private partial void LogTrackFailed(string trackId, string audioPath, TrackFailureReason reason, string detail);
}
