namespace Disambig.Evaluation.Tests;

public sealed class EvaluationSetsTests
{
    [Fact]
    public void ClassificationSet_Build_TakesTwentyTracksPerEligibleArtistFifteenForTheModel()
    {
        var catalog = Tracks.Of("a", 20).Concat(Tracks.Of("b", 31)).Concat(Tracks.Of("c", 19)).ToList();
        var set = ClassificationSet.Build(catalog, new EvaluationOptions());

        Assert.Equal(["a", "b"], set.Artists);
        Assert.All(new[] { 0, 1 }, artist =>
        {
            Assert.Equal(15, set.ModelTracks.Count(t => t.Artist == artist));
            Assert.Equal(5, set.TestTracks.Count(t => t.Artist == artist));
        });
        Assert.Empty(set.ModelTracks.Select(t => t.Track).Intersect(set.TestTracks.Select(t => t.Track)));
        Assert.All(set.ModelTracks.Concat(set.TestTracks), t => Assert.Equal(set.Artists[t.Artist], t.Track.TrueArtistId));
        Assert.Equal(set.TestTracks, ClassificationSet.Build(catalog, new EvaluationOptions()).TestTracks);
    }

    [Fact]
    public void HomonymSet_Build_KeepsNamesSharedByTwoToFourKnownArtists()
    {
        var catalog = Tracks.Of("p1", 3, "Pair").Concat(Tracks.Of("p2", 4, "PAIR "))
            .Concat(Tracks.Of("t1", 2, "Trio")).Concat(Tracks.Of("t2", 2, "Trio")).Concat(Tracks.Of("t3", 2, "Trio"))
            .Concat(Tracks.Of("solo", 5, "Solo"))
            .Concat(Enumerable.Range(1, 5).SelectMany(i => Tracks.Of($"c{i}", 2, "Crowd")))
            .Concat(Tracks.Of("u1", 2, "Unknown").Select(t => t with { TrueArtistId = null })).Concat(Tracks.Of("u2", 2, "Unknown"))
            .ToList();
        var set = HomonymSet.Build(catalog, new EvaluationOptions());

        Assert.Equal(["Pair", "Trio"], set.Groups.Select(g => g.Name));
        Assert.Equal(["p1", "p2"], set.Groups[0].Artists);
        Assert.Equal([0, 0, 0, 1, 1, 1, 1], set.Groups[0].Tracks.Select(t => t.Artist));
        Assert.Equal(3, set.Groups[1].Artists.Count);

        var capped = HomonymSet.Build(catalog, new EvaluationOptions { MaxTracksPerHomonymArtist = 2 });
        Assert.Equal(4, capped.Groups[0].Tracks.Count);
    }

    [Fact]
    public void HomonymSet_Build_Pooled_MakesEveryCombinationOfKnownArtistsANameInsteadOfTheCreditedOnes()
    {
        var catalog = Tracks.Of("a", 2, "Pair").Concat(Tracks.Of("b", 3, "Pair")).Concat(Tracks.Of("c", 2, "Solo")).Concat(Tracks.Of("d", 4, "Other"))
            .Concat(Tracks.Of("anonymous", 3, "Pair").Select(t => t with { TrueArtistId = null }))
            .ToList();

        var pairs = HomonymSet.Build(catalog, new EvaluationOptions { PooledHomonymArtists = 2 });
        Assert.Equal(["a + b", "a + c", "a + d", "b + c", "b + d", "c + d"], pairs.Groups.Select(g => g.Name));
        Assert.Equal([0, 0, 1, 1, 1], pairs.Groups[0].Tracks.Select(t => t.Artist));
        Assert.All(pairs.Groups, g => Assert.All(g.Tracks, t => Assert.Equal(g.Artists[t.Artist], t.Track.TrueArtistId)));

        var upToFour = HomonymSet.Build(catalog, new EvaluationOptions { PooledHomonymArtists = 4, MaxTracksPerHomonymArtist = 2 });
        Assert.Equal(6 + 4 + 1, upToFour.Groups.Count);
        Assert.Equal(["a", "b", "c", "d"], upToFour.Groups[^1].Artists);
        Assert.Equal(8, upToFour.Groups[^1].Tracks.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => HomonymSet.Build(catalog, new EvaluationOptions { PooledHomonymArtists = 5 }));
    }

    [Fact]
    public void OneArtistSet_Build_PutsEveryKnownArtistWithTwoTracksUnderItsOwnName()
    {
        var catalog = Tracks.Of("p1", 3, "Pair").Concat(Tracks.Of("p2", 4, "Pair")).Concat(Tracks.Of("solo", 5, "Solo"))
            .Concat(Tracks.Of("single", 1)).Concat(Tracks.Of("anonymous", 3).Select(t => t with { TrueArtistId = null }))
            .ToList();

        var set = OneArtistSet.Build(catalog, new EvaluationOptions());

        Assert.Equal(["p1", "p2", "solo"], set.Names.Select(n => n.Artist));
        Assert.Equal([3, 4, 5], set.Names.Select(n => n.Tracks.Count));
        Assert.All(set.Names, n => Assert.All(n.Tracks, t => Assert.Equal(n.Artist, t.Track.TrueArtistId)));
        var capped = OneArtistSet.Build(catalog, new EvaluationOptions { MaxOneArtistNames = 2, MaxTracksPerHomonymArtist = 2 });
        Assert.Equal(2, capped.Names.Count);
        Assert.All(capped.Names, n => Assert.Equal(2, n.Tracks.Count));
    }
}
