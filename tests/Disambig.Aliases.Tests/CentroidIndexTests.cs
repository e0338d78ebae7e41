namespace Disambig.Aliases.Tests;

public class CentroidIndexTests
{
    private static (ulong[] Keys, float[][] Vectors) Points(int count, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, 20).Select(_ => SyntheticCatalog.RandomUnit(random)).ToArray();
        var vectors = Enumerable.Range(0, count).Select(i => SyntheticCatalog.Around(centres[i % centres.Length], 0.8, random)).ToArray();
        return ([.. Enumerable.Range(0, count).Select(i => (ulong)i)], vectors);
    }

    private static double RecallAt10(CentroidIndex index, ulong[] keys, float[][] vectors, int queries)
    {
        var sample = vectors.Take(queries).ToArray();
        var approximate = index.Search(sample, 10);
        var hits = 0;
        for (var q = 0; q < sample.Length; q++)
        {
            var exact = ExactSearch.Nearest(sample[q], vectors, keys, 10).Select(n => n.Key).ToHashSet();
            hits += approximate[q].Count(n => exact.Contains(n.Key));
        }

        return hits / (10.0 * sample.Length);
    }

    [Fact]
    public void Search_OneShard_FindsTheExactNeighboursAlmostAlways()
    {
        var (keys, vectors) = Points(3000, seed: 1);
        using var index = new CentroidIndex(SyntheticCatalog.Dimension, TestOptions.Ordered());
        index.AddRange(keys, vectors);

        Assert.Equal(1, index.ShardCount);
        Assert.True(RecallAt10(index, keys, vectors, 200) >= 0.95);
    }

    [Fact]
    public void Search_ManyShardsFilledOnAllCores_MergesAnswersAsWellAsOneIndex()
    {
        var (keys, vectors) = Points(3000, seed: 2);
        using var index = new CentroidIndex(SyntheticCatalog.Dimension, new AliasOptions { InsertThreads = 0, MaxEntitiesPerShard = 700 });
        index.AddRange(keys[..1000], vectors[..1000]);
        index.AddRange(keys[1000..], vectors[1000..]);

        Assert.Equal(5, index.ShardCount);
        Assert.Equal(3000, index.Count);
        Assert.True(RecallAt10(index, keys, vectors, 200) >= 0.95);
        var first = index.Search([vectors[42]], 3)[0];
        Assert.Equal(42UL, first[0].Key);
        Assert.Equal(0, first[0].Distance, 4);
        Assert.True(first[0].Distance <= first[1].Distance && first[1].Distance <= first[2].Distance);
    }

    [Fact]
    public void Remove_ThenAddAgain_KeyMovesToItsNewVector()
    {
        var (keys, vectors) = Points(500, seed: 3);
        using var index = new CentroidIndex(SyntheticCatalog.Dimension, TestOptions.Ordered());
        index.AddRange(keys, vectors);

        Assert.True(index.Remove(7));
        Assert.False(index.Remove(7));
        Assert.DoesNotContain(index.Search([vectors[7]], 5)[0], n => n.Key == 7);
        index.AddRange([7UL], [vectors[300]]);

        var nearest = index.Search([vectors[300]], 2)[0];
        Assert.Equal([7UL, 300UL], nearest.Select(n => n.Key).Order());
    }

    [Fact]
    public void AddRange_KeyAlreadyIndexed_ThrowsNamingIt()
    {
        var (keys, vectors) = Points(10, seed: 4);
        using var index = new CentroidIndex(SyntheticCatalog.Dimension, TestOptions.Ordered());
        index.AddRange(keys, vectors);

        var error = Assert.Throws<ArgumentException>(() => index.AddRange([3UL], [vectors[0]]));
        Assert.Contains("Key 3", error.Message);
    }

    [Fact]
    public void Search_EmptyIndex_ReturnsNoNeighbours()
    {
        using var index = new CentroidIndex(SyntheticCatalog.Dimension, TestOptions.Ordered());

        Assert.Empty(index.Search([SyntheticCatalog.RandomUnit(new Random(5))], 10)[0]);
    }
}
