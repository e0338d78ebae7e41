using Disambig.Grains.Tracks;
using Disambig.Vectors;
using Orleans.Storage;

namespace Disambig.Grains.Tests;

/// <summary>
/// A track's state read only when it may exist (<see cref="TrackStateStore"/>): a new track costs one write, and a
/// wrong "new" hint never loses or overwrites what is stored.
/// </summary>
public sealed class TrackStateStoreTests
{
    private static readonly GrainId Track = GrainId.Create("track", "t1");
    private static readonly TrackVectorKey M1 = new("etag1", "m1", new VectorFeatures(9, 10));
    private static readonly TrackVectorKey M2 = new("etag1", "m2", new VectorFeatures(9, 10));

    [Fact]
    public async Task Write_OfAStateAssumedAbsent_CreatesItWithOneWriteAndNoRead()
    {
        var storage = new TaggedStorage();
        var store = new TrackStateStore(storage, Track);

        var answer = await store.WriteAsync(s => s.Find(M1), Keep(M1, [1, 0], "s1"));

        Assert.Null(answer);
        Assert.Equal((0, 1), (storage.Reads, storage.Writes));
        Assert.Equal("s1", storage.Stored(Track)!.Find(M1)!.ComputedBySweep);
    }

    [Fact]
    public async Task Write_AssumedAbsentWhenAStateHoldsTheAnswer_ReturnsTheStoredAnswerAndLeavesTheStateAsItWas()
    {
        var storage = new TaggedStorage();
        storage.Put(Track, Stored(M1, [1, 0], "s0"));
        var store = new TrackStateStore(storage, Track);

        var answer = await store.WriteAsync(s => s.Find(M1), Keep(M1, [0, 1], "s1"));

        Assert.Equal("s0", answer!.ComputedBySweep);
        Assert.Equal([1, 0], answer.Vector);
        Assert.Equal("s0", storage.Stored(Track)!.Find(M1)!.ComputedBySweep);
        // The refused create, then the read; nothing written over the stored state.
        Assert.Equal((1, 1, 1), (storage.Writes, storage.Refused, storage.Reads));
    }

    [Fact]
    public async Task Write_AssumedAbsentWhenAStateHoldsAnotherModel_KeepsBothModelsVectors()
    {
        var storage = new TaggedStorage();
        storage.Put(Track, Stored(M1, [1, 0], "s0"));
        var store = new TrackStateStore(storage, Track);

        var answer = await store.WriteAsync(s => s.Find(M2), Keep(M2, [0, 1], "s1"));

        Assert.Null(answer);
        var stored = storage.Stored(Track)!;
        Assert.Equal(["m1", "m2"], stored.Vectors.Select(v => v.ModelVersion));
        Assert.Equal("s0", stored.Find(M1)!.ComputedBySweep);
    }

    [Fact]
    public async Task Write_AfterARead_CarriesTheEntityTag_SoAWriteInBetweenIsNotOverwritten()
    {
        var storage = new TaggedStorage();
        storage.Put(Track, Stored(M1, [1, 0], "s0"));
        var store = new TrackStateStore(storage, Track);
        await store.ReadAsync();
        storage.Put(Track, Stored(M1, [1, 0], "other"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteAsync(s => s.Find(M2), Keep(M2, [0, 1], "s1")));

        Assert.Equal("other", storage.Stored(Track)!.Find(M1)!.ComputedBySweep);
    }

    [Fact]
    public async Task Write_OfAChangeThatChangesNothing_WritesNothing()
    {
        var storage = new TaggedStorage();
        var store = new TrackStateStore(storage, Track);
        var timeout = new TrackFailure("t1", "a.mp3", TrackFailureReason.Timeout, "busy");

        var answer = await store.WriteAsync(s => s.FailureOf("etag1", "m1"), s => s.Fail("etag1", timeout, "m1"));

        Assert.Null(answer);
        Assert.Equal((0, 0), (storage.Reads, storage.Writes));
        Assert.Null(storage.Stored(Track));
    }

    [Fact]
    public async Task Clear_OfAStoredState_ReadsThenDeletesIt()
    {
        var storage = new TaggedStorage();
        storage.Put(Track, Stored(M1, [1, 0], "s0"));
        var store = new TrackStateStore(storage, Track);

        await store.ClearAsync();

        Assert.Null(storage.Stored(Track));
        Assert.Null(store.State.Find(M1));
    }

    private static Func<TrackState, bool> Keep(TrackVectorKey key, float[] vector, string sweep) => state =>
    {
        state.Keep(key, vector, sweep);
        return true;
    };

    private static TrackState Stored(TrackVectorKey key, float[] vector, string sweep)
    {
        var state = new TrackState();
        state.Keep(key, vector, sweep);
        return state;
    }

    /// <summary>
    /// Grain storage with entity tags as the real ones have them: a write without a tag creates the state only if none
    /// exists, a write with one only if it still matches; states are kept as copies.
    /// </summary>
    private sealed class TaggedStorage : IGrainStorage
    {
        private readonly Dictionary<GrainId, (TrackState State, string ETag)> _states = [];
        private int _tags;

        public int Reads { get; private set; }

        public int Writes { get; private set; }

        public int Refused { get; private set; }

        public TrackState? Stored(GrainId grain) => _states.TryGetValue(grain, out var entry) ? Copy(entry.State) : null;

        public void Put(GrainId grain, TrackState state) => _states[grain] = (Copy(state), $"e{++_tags}");

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Reads++;
            var found = _states.TryGetValue(grainId, out var entry);
            grainState.State = (T)(object)(found ? Copy(entry.State) : new TrackState());
            (grainState.ETag, grainState.RecordExists) = (found ? entry.ETag : null, found);
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Writes++;
            var current = _states.TryGetValue(grainId, out var entry) ? entry.ETag : null;
            if (current != grainState.ETag)
            {
                Refused++;
                throw new InconsistentStateException("entity tag mismatch", current, grainState.ETag);
            }
            Put(grainId, (TrackState)(object)grainState.State!);
            (grainState.ETag, grainState.RecordExists) = (_states[grainId].ETag, true);
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            _states.Remove(grainId);
            (grainState.ETag, grainState.RecordExists, grainState.State) = (null, false, (T)(object)new TrackState());
            return Task.CompletedTask;
        }

        private static TrackState Copy(TrackState state) => new()
        {
            AudioETag = state.AudioETag,
            Vectors = [.. state.Vectors],
            Failure = state.Failure,
            FailureModelVersion = state.FailureModelVersion,
        };
    }
}
