namespace Disambig.Aliases.Tests;

public class AliasMetricsTests
{
    private static readonly EntityTruth[] Truth =
    [
        new("a", "Prince", "p"),
        new("b", "The Artist", "p"),
        new("c", "TAFKAP", "p"),
        new("d", "Cat Stevens", "y"),
        new("e", "Yusuf", "y"),
        new("f", "Prince", "other"),
        new("g", "Prince", "p"),
    ];

    [Fact]
    public void TruePairs_CountsPairsOfOneArtistUnderDifferentNamesOnly()
    {
        // p: a, g (Prince), b, c -> 6 pairs minus (a, g) under one name = 5; y: (d, e) = 1; other: none.
        Assert.Equal(6, AliasMetrics.TruePairs(Truth));
    }

    [Fact]
    public void Score_MixedProposals_CountsCorrectFalseAndRepeatedPairs()
    {
        var scores = AliasMetrics.Score([("a", "b"), ("b", "a"), ("d", "e"), ("f", "b"), ("a", "g")], Truth);

        // Distinct: (a,b) right, (d,e) right, (b,f) wrong artist, (a,g) same name (a homonym matter, not an alias).
        Assert.Equal(4, scores.Proposed);
        Assert.Equal(2, scores.Correct);
        Assert.Equal(0.5, scores.Precision, 9);
        Assert.Equal(2.0 / 6, scores.Recall, 9);
        Assert.Equal(2 * 0.5 * (2.0 / 6) / (0.5 + 2.0 / 6), scores.F1, 9);
    }

    [Fact]
    public void Score_NothingProposedAndNoAliases_IsPerfect()
    {
        var scores = AliasMetrics.Score([], [new EntityTruth("a", "A", "1"), new EntityTruth("b", "B", "2")]);

        Assert.Equal(1, scores.Precision);
        Assert.Equal(1, scores.Recall);
        Assert.Equal(0, scores.TruePairs);
    }

    [Fact]
    public void Score_UnknownEntity_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => AliasMetrics.Score([("a", "zz")], Truth));

        Assert.Contains("'zz'", error.Message);
    }
}
