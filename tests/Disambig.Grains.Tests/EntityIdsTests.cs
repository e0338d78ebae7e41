using Disambig.Grains.Names;

namespace Disambig.Grains.Tests;

public sealed class EntityIdsTests
{
    private static EntityResult Entity(int id, params string[] tracks) => new(id, tracks, 0.5);

    [Fact]
    public void Assign_FirstClustering_NumbersEntitiesFromOne()
    {
        var (entities, lastId) = EntityIds.Assign([], [Entity(0, "a"), Entity(0, "b")], 0);

        Assert.Equal([1, 2], entities.Select(e => e.Entity));
        Assert.Equal(2, lastId);
    }

    [Fact]
    public void Assign_ReorderedClustersWithAddedTracks_KeepEachEntityItsId()
    {
        EntityResult[] previous = [Entity(1, "a1", "a2"), Entity(2, "b1", "b2")];

        // The new clustering lists the b-entity first and both gained a track.
        var (entities, lastId) = EntityIds.Assign(previous, [Entity(1, "b1", "b2", "b3"), Entity(2, "a1", "a2", "a3")], 2);

        Assert.Equal([["a1", "a2", "a3"], ["b1", "b2", "b3"]], entities.Select(e => e.TrackIds));
        Assert.Equal([1, 2], entities.Select(e => e.Entity));
        Assert.Equal(2, lastId);
    }

    [Fact]
    public void Assign_Merge_KeepsTheIdOfTheEntitySharingMostTracksAndRetiresTheOther()
    {
        EntityResult[] previous = [Entity(1, "a1"), Entity(2, "b1", "b2")];

        var (entities, lastId) = EntityIds.Assign(previous, [Entity(0, "a1", "b1", "b2")], 2);

        Assert.Equal(2, Assert.Single(entities).Entity);
        Assert.Equal(2, lastId);
    }

    [Fact]
    public void Assign_Split_KeepsTheIdForTheLargerPartAndGivesTheOtherANewOne()
    {
        EntityResult[] previous = [Entity(1, "a1", "a2", "a3")];

        var (entities, lastId) = EntityIds.Assign(previous, [Entity(0, "a1"), Entity(0, "a2", "a3")], 1);

        Assert.Equal([(1, 2), (2, 1)], entities.Select(e => (e.Entity, e.TrackIds.Count)));
        Assert.Equal(2, lastId);
    }

    [Fact]
    public void Assign_RetiredIds_AreNeverGivenAgain()
    {
        // Entity 3 once existed (last id 3) and is gone; a new cluster sharing nothing gets 4.
        EntityResult[] previous = [Entity(1, "a1"), Entity(2, "b1")];

        var (entities, lastId) = EntityIds.Assign(previous, [Entity(0, "a1"), Entity(0, "b1"), Entity(0, "c1")], 3);

        Assert.Equal([1, 2, 4], entities.Select(e => e.Entity));
        Assert.Equal(4, lastId);
    }

    [Fact]
    public void Assign_OptimalNotGreedy_MaximisesTheSharedTracksOverAllPairs()
    {
        EntityResult[] previous = [Entity(1, "a1", "a2", "x1"), Entity(2, "x2", "x3")];

        var (entities, _) = EntityIds.Assign(previous, [Entity(0, "a1", "a2", "x2", "x3"), Entity(0, "x1")], 2);

        // Pairing {1 -> cluster 0 (2 shared), 2 -> cluster 1 (0 shared)} totals 2; {2 -> cluster 0 (2), 1 -> cluster 1 (1)} totals 3.
        Assert.Equal([1, 2], entities.Select(e => e.Entity));
        Assert.Equal(["x1"], entities[0].TrackIds);
        Assert.Equal(["a1", "a2", "x2", "x3"], entities[1].TrackIds);
    }
}
