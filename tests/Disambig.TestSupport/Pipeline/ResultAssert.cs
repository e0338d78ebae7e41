namespace Disambig.Grains.Tests.Fixtures;

/// <summary>Compares two runs' disambiguations: same decisions, same entities (track sets), same failures.</summary>
public static class ResultAssert
{
    public static void SameDisambiguation(IReadOnlyDictionary<string, NameResult> expected, IReadOnlyDictionary<string, NameResult> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, result) in expected)
        {
            var other = actual[name];
            Assert.Equal(result.Decision, other.Decision);
            Assert.Equal(result.Entities.Select(e => e.TrackIds), other.Entities.Select(e => e.TrackIds));
            Assert.Equal(result.Failures.Select(f => (f.TrackId, f.Reason)), other.Failures.Select(f => (f.TrackId, f.Reason)));
        }
    }
}
