using Disambig.Grains.Aliases;

namespace Disambig.Grains.Tests;

/// <summary>disambig run's alias figures: suggestions scored against the true artists of the entities' tracks.</summary>
public sealed class AliasTruthTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static NameResult Result(string key, params string[][] entities) =>
        new(key, key, "s1", new ModelRef("v1", 0.5, 9), NameDecision.Split, 1,
            [.. entities.Select((tracks, i) => new EntityResult(i + 1, tracks, 1))], [], At);

    private static AliasCandidate Pair(string left, string right)
    {
        AliasCandidateSide Side(string id) => new(id, AliasEntityIds.Parse(id).NameKey, id, AliasEntityIds.Parse(id).Entity, 2, 0, [], []);
        return new AliasCandidate(0.9, false, 0.01, false, Side(left), Side(right));
    }

    [Fact]
    public void Score_EntitiesStandForTheirMajorityArtist_CountsTheTrueAliasFoundAndTheFalseMerge()
    {
        // "nova" is artist A; "nova sound" is A again (the alias); "elsewhere" is split into B and (mostly) A.
        NameResult[] results =
        [
            Result("nova", ["t1", "t2"]),
            Result("nova sound", ["t3", "t4"]),
            Result("elsewhere", ["t5", "t6"], ["t7", "t8", "t9"]),
        ];
        var truth = new Dictionary<string, string>
        {
            ["t1"] = "A", ["t2"] = "A", ["t3"] = "A", ["t4"] = "A", ["t5"] = "B", ["t6"] = "B", ["t7"] = "A", ["t8"] = "A", ["t9"] = "B",
        };

        var scores = AliasTruth.Score(results, truth, [Pair("nova#1", "nova sound#1"), Pair("elsewhere#1", "nova#1"), Pair("gone#1", "nova#1")]);

        // True pairs: nova~nova sound, nova~elsewhere#2, nova sound~elsewhere#2; a suggestion naming an unknown entity is left out.
        Assert.Equal((2L, 1L, 3L), (scores.Proposed, scores.Correct, scores.TruePairs));
        Assert.Equal(0.5, scores.Precision, 12);
        Assert.Equal(1.0 / 3, scores.Recall, 12);
    }
}
