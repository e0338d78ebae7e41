using System.Collections.Concurrent;
using Orleans.Storage;

namespace Disambig.Grains.Tests.Fixtures;

/// <summary>A silo's grain storage that counts its reads, writes and clears in <paramref name="counts"/>, then asks the real storage.</summary>
public sealed class CountingGrainStorage(IGrainStorage inner, GrainStorageCounts counts) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        counts.Add(stateName, "read", grainId);
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        counts.Add(stateName, "write", grainId);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        counts.Add(stateName, "clear", grainId);
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }

    public void Participate(ISiloLifecycle observer)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant) participant.Participate(observer);
    }
}

/// <summary>
/// Grain storage operations per state name and grain, shared by the silos of one test cluster (<see cref="For"/>: they
/// run in the test process).
/// </summary>
public sealed class GrainStorageCounts
{
    private static readonly ConcurrentDictionary<string, GrainStorageCounts> Clusters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string State, string Operation, GrainId Grain), int> _counts = new();

    /// <summary>The counts of the cluster named <paramref name="key"/>.</summary>
    public static GrainStorageCounts For(string key) => Clusters.GetOrAdd(key, _ => new GrainStorageCounts());

    /// <summary><paramref name="operation"/>s (<c>read</c>, <c>write</c>, <c>clear</c>) of <paramref name="stateName"/> states, over all grains.</summary>
    public int Count(string stateName, string operation) =>
        _counts.Where(c => c.Key.State == stateName && c.Key.Operation == operation).Sum(c => c.Value);

    /// <summary>The most <paramref name="operation"/>s of one grain's <paramref name="stateName"/> state.</summary>
    public int MostOfOneGrain(string stateName, string operation) =>
        _counts.Where(c => c.Key.State == stateName && c.Key.Operation == operation).Select(c => c.Value).DefaultIfEmpty().Max();

    public void Reset() => _counts.Clear();

    internal void Add(string stateName, string operation, GrainId grainId) =>
        _counts.AddOrUpdate((stateName, operation, grainId), 1, (_, n) => n + 1);
}
