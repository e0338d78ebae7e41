using Orleans.Serialization;
using Orleans.Storage;

namespace Disambig.Silo.Bench;

/// <summary>
/// Grain storage that tells <see cref="BenchSizes"/> the serialized size of every state written and counts each read,
/// write and clear by state name, then asks the real storage. Forwards the silo lifecycle to the real storage (the
/// Azure blob storage creates its container there).
/// </summary>
internal sealed class SizeRecordingGrainStorage(IGrainStorage inner, Serializer serializer, BenchSizes sizes) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        sizes.Operation($"state {stateName}: read");
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        sizes.Operation($"state {stateName}: write");
        sizes.State(serializer.SerializeToArray(grainState.State).LongLength, () => $"{stateName} of {grainId}");
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        sizes.Operation($"state {stateName}: clear");
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }

    public void Participate(ISiloLifecycle observer)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant) participant.Participate(observer);
    }
}
