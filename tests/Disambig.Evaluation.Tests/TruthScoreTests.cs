namespace Disambig.Evaluation.Tests;

/// <summary><c>disambig run</c>'s score of a name's entities against the true artists of a labelled catalog.</summary>
public sealed class TruthScoreTests
{
    private static readonly Dictionary<string, string> Truth = new()
    {
        ["a1"] = "artist-a", ["a2"] = "artist-a", ["b1"] = "artist-b", ["b2"] = "artist-b",
    };

    [Fact]
    public void Of_EntitiesEqualToTheTrueArtists_ScoresOneWhateverTheirOrder()
    {
        var score = TruthScore.Of([["b2", "b1"], ["a1", "a2"]], Truth);

        Assert.Equal(new TruthScore(TrueArtists: 2, Entities: 2, Ari: 1, Ami: 1), score);
    }

    [Fact]
    public void Of_TwoArtistsKeptInOneEntity_ScoresZero()
    {
        var score = TruthScore.Of([["a1", "a2", "b1", "b2"]], Truth);

        Assert.Equal(2, score.TrueArtists);
        Assert.Equal(1, score.Entities);
        Assert.Equal(0, score.Ari, 9);
        Assert.Equal(0, score.Ami, 9);
    }

    [Fact]
    public void Of_TracksWithoutAKnownArtist_AreLeftOutOfTheScoreButTheirEntityCounts()
    {
        var score = TruthScore.Of([["a1", "a2"], ["b1", "b2"], ["unlabelled"]], Truth);

        Assert.Equal(new TruthScore(TrueArtists: 2, Entities: 3, Ari: 1, Ami: 1), score);
    }
}
