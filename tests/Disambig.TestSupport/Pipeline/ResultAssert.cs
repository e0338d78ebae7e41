using Disambig.Clustering.Metrics;
using Disambig.Grains;

namespace Disambig.TestSupport.Pipeline;

/// <summary>Checks a run's disambiguations against the demo catalog's truth, or against another run.</summary>
public static class ResultAssert
{
    /// <summary>The demo catalog's truth: homonyms split by true artist, other names whole, poison tracks failed by type.</summary>
    public static void MatchesDemoTruth(DemoCatalog catalog, IReadOnlyDictionary<string, NameResult> results)
    {
        HomonymsSplitByTrueArtist(catalog, results);
        SingleArtistNamesKeptWhole(catalog, results);
        PoisonTracksFailedByType(catalog, results);
    }

    /// <summary>Every homonym name is split, its entities matching the true artists exactly (ARI 1).</summary>
    public static void HomonymsSplitByTrueArtist(DemoCatalog catalog, IReadOnlyDictionary<string, NameResult> results)
    {
        Assert.NotEmpty(catalog.HomonymNames);
        foreach (var name in catalog.HomonymNames)
        {
            var result = results[name];
            Assert.Equal(NameDecision.Split, result.Decision);
            var tracks = result.Entities.SelectMany(entity => entity.TrackIds).ToList();
            var artists = tracks.Select(catalog.TrueArtistOf).Distinct().ToList();
            var truth = tracks.Select(t => artists.IndexOf(catalog.TrueArtistOf(t))).ToArray();
            var predicted = tracks.Select(t => result.EntityOf(t)!.Value).ToArray();
            Assert.Equal(1.0, AdjustedRandIndex.Compute(truth, predicted), 6);
        }
    }

    /// <summary>Every name of a single true artist is kept whole.</summary>
    public static void SingleArtistNamesKeptWhole(DemoCatalog catalog, IReadOnlyDictionary<string, NameResult> results)
    {
        var homonyms = catalog.HomonymNames.ToHashSet();
        var single = results.Where(pair => !homonyms.Contains(pair.Key)).ToList();
        Assert.NotEmpty(single);
        Assert.All(single, pair => Assert.Equal(NameDecision.KeptWhole, pair.Value.Decision));
    }

    /// <summary>The corrupt, missing and too-short tracks are recorded failures naming their file; their name still completes.</summary>
    public static void PoisonTracksFailedByType(DemoCatalog catalog, IReadOnlyDictionary<string, NameResult> results)
    {
        var result = results[catalog.PoisonedName];
        var reasons = result.Failures.ToDictionary(f => f.TrackId, f => f.Reason);
        Assert.Equal(TrackFailureReason.NotMedia, reasons[DemoCatalog.CorruptTrackId]);
        Assert.Equal(TrackFailureReason.FileNotFound, reasons[DemoCatalog.MissingTrackId]);
        Assert.Equal(TrackFailureReason.TooShort, reasons[DemoCatalog.TooShortTrackId]);
        Assert.All(result.Failures, failure => Assert.Contains(failure.AudioPath, failure.Message));
        // A blob's audio is decoded from a temporary download; the message still names the catalog's path.
        Assert.All(result.Failures, failure => Assert.DoesNotContain(Path.GetTempPath(), failure.Message));
        Assert.NotEmpty(result.Entities);
    }

    /// <summary>Two runs' disambiguations are the same: decisions, entities (track sets), failures.</summary>
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
