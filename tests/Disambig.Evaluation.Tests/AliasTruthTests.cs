namespace Disambig.Evaluation.Tests;

/// <summary>disambig run's alias figures: suggestions scored against the true artists of the entities' tracks.</summary>
public sealed class AliasTruthTests
{
    private static IEnumerable<ScoredEntity> Result(string key, params string[][] entities) =>
        entities.Select((tracks, i) => new ScoredEntity($"{key}#{i + 1}", key, tracks));

    [Fact]
    public void Score_EntitiesStandForTheirMajorityArtist_CountsTheTrueAliasFoundAndTheFalseMerge()
    {
        // "nova" is artist A; "nova sound" is A again (the alias); "elsewhere" is split into B and (mostly) A.
        ScoredEntity[] entities =
        [
            .. Result("nova", ["t1", "t2"]),
            .. Result("nova sound", ["t3", "t4"]),
            .. Result("elsewhere", ["t5", "t6"], ["t7", "t8", "t9"]),
        ];
        var truth = new Dictionary<string, string>
        {
            ["t1"] = "A", ["t2"] = "A", ["t3"] = "A", ["t4"] = "A", ["t5"] = "B", ["t6"] = "B", ["t7"] = "A", ["t8"] = "A", ["t9"] = "B",
        };

        var scores = AliasTruth.Score(entities, truth, [("nova#1", "nova sound#1"), ("elsewhere#1", "nova#1"), ("gone#1", "nova#1")]);

        // True pairs: nova~nova sound, nova~elsewhere#2, nova sound~elsewhere#2; a suggestion naming an unknown entity is left out.
        Assert.Equal((2L, 1L, 3L), (scores.Proposed, scores.Correct, scores.TruePairs));
        Assert.Equal(0.5, scores.Precision, 12);
        Assert.Equal(1.0 / 3, scores.Recall, 12);
    }
}
