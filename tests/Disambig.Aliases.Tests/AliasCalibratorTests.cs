namespace Disambig.Aliases.Tests;

public class AliasCalibratorTests
{
    [Fact]
    public void Calibrate_CatalogWithAliases_HeldOutArtistsScoreHighPrecisionAndRecall()
    {
        var entities = SyntheticCatalog.Create(seed: 1, artists: 400, aliasEvery: 4);

        var calibration = AliasCalibrator.Calibrate(entities, new AliasCalibrationOptions(), TestOptions.Ordered());

        Assert.Equal(100, calibration.HeldOut.TruePairs);
        Assert.True(calibration.HeldOut.Precision >= 0.95, $"held-out precision {calibration.HeldOut.Precision}");
        Assert.True(calibration.HeldOut.Recall >= 0.9, $"held-out recall {calibration.HeldOut.Recall}");
        Assert.Equal(5, calibration.Folds.Count);
        Assert.Equal(400, calibration.Folds.Sum(f => f.TestArtists));
        Assert.Equal(calibration.HeldOut.TruePairs, calibration.Folds.Sum(f => f.Test.TruePairs));
    }

    [Fact]
    public void Calibrate_CatalogWithAliases_ThresholdSeparatesOneArtistFromTwoAndProbabilityFallsWithDistance()
    {
        var entities = SyntheticCatalog.Create(seed: 2, artists: 200, aliasEvery: 4);
        var byId = entities.ToDictionary(e => e.Entity.EntityId);

        var model = AliasCalibrator.Calibrate(entities, new AliasCalibrationOptions(), TestOptions.Ordered()).Model;

        var aliasDistance = Distance(byId["alias-0000#0"], byId["name-0000#0"]);
        var strangerDistance = Distance(byId["name-0000#0"], byId["name-0000#1"]);
        Assert.InRange(model.Threshold, aliasDistance, strangerDistance);
        Assert.True(model.Probability(aliasDistance, false) > 0.5);
        Assert.True(model.Probability(strangerDistance, false) < 0.5);
        Assert.True(model.Calibration.A > 0);
    }

    [Fact]
    public void Calibrate_SixAliasesAmongStrangersAtEveryDistance_AnAliasCloserThanEveryStrangerIsMoreLikelyThanNot()
    {
        // Like the trainer's held-out calibration of the demo: six artists, each under two names, and strangers from
        // just past the aliases to far away. A sigmoid of the distance itself, pulled by the far strangers, stayed at
        // or below 1/2 even for the closest alias; on the log scale it rises among the close pairs.
        var entities = new List<LabelledAliasEntity>();
        for (var a = 0; a < 6; a++)
        {
            for (var name = 0; name < 2; name++)
            {
                var degrees = 12.0 * a * a + 1.5 * name;
                var id = $"artist-{a}~{name}#0";
                var vector = new float[SyntheticCatalog.Dimension];
                vector[0] = (float)Math.Cos(degrees * Math.PI / 180);
                vector[1] = (float)Math.Sin(degrees * Math.PI / 180);
                var place = EntityPlace.FromTracks([vector, vector, vector], id);
                entities.Add(new LabelledAliasEntity(new AliasEntity(id, $"artist-{a}~{name}", place, []), $"artist-{a}"));
            }
        }

        var calibration = AliasCalibrator.Calibrate(entities, new AliasCalibrationOptions { Folds = 3 }, TestOptions.Ordered());

        var alias = 1 - Math.Cos(1.5 * Math.PI / 180);
        var nearestStranger = 1 - Math.Cos((12 - 1.5) * Math.PI / 180);
        Assert.Equal(1.0, calibration.InSample.Precision);
        Assert.Equal(1.0, calibration.InSample.Recall);
        Assert.InRange(calibration.Model.Threshold, alias, nearestStranger);
        Assert.True(calibration.Model.Probability(alias, lowEvidence: false) > 0.7, $"p(alias) = {calibration.Model.Probability(alias, false)}");
        Assert.True(calibration.Model.Probability(nearestStranger, lowEvidence: false) < calibration.Model.Probability(alias, false));
        Assert.True(calibration.Model.Probability(0.5, lowEvidence: false) < 0.1, $"p(0.5) = {calibration.Model.Probability(0.5, false)}");
    }

    [Fact]
    public void Calibrate_NoAliasesInTheTruth_ChoosesAThresholdThatProposesNothing()
    {
        var entities = SyntheticCatalog.Create(seed: 3, artists: 60, aliasEvery: 0);

        var calibration = AliasCalibrator.Calibrate(entities, new AliasCalibrationOptions { Folds = 3 }, TestOptions.Ordered());

        Assert.Equal(0, calibration.Model.Threshold);
        Assert.Equal(0, calibration.HeldOut.Proposed);
        Assert.Empty(AliasCatalog.Find([.. entities.Select(e => e.Entity)], calibration.Model, TestOptions.Ordered()));
    }

    [Fact]
    public void Calibrate_LowEvidencePairs_CapEarnedFromTheirOwnPrecision()
    {
        // Aliases credited with one track: their centroids are noisy, so they earn a lower cap than 1.
        var random = new Random(4);
        var entities = SyntheticCatalog.Create(seed: 4, artists: 200, aliasEvery: 0);
        for (var a = 0; a < 200; a += 4)
        {
            var artist = entities.First(e => e.ArtistId == $"artist-{a:D4}");
            var id = $"single-{a:D4}#0";
            var place = EntityPlace.FromTracks(SyntheticCatalog.Tracks(artist.Entity.Place.Centroid, 1, 0.6, random), id);
            entities.Add(new LabelledAliasEntity(new AliasEntity(id, $"single-{a:D4}", place, []), artist.ArtistId));
        }

        var model = AliasCalibrator.Calibrate(entities, new AliasCalibrationOptions(), TestOptions.Ordered()).Model;

        Assert.InRange(model.LowEvidenceCap, 0.01, 0.99);
        var suggestions = AliasCatalog.Find([.. entities.Select(e => e.Entity)], model, TestOptions.Ordered());
        Assert.NotEmpty(suggestions);
        Assert.All(suggestions.Where(s => s.LowEvidence), s => Assert.True(s.Probability <= model.LowEvidenceCap));
    }

    [Fact]
    public void Calibrate_FewerArtistsThanFolds_Throws()
    {
        var entities = SyntheticCatalog.Create(seed: 5, artists: 3, aliasEvery: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => AliasCalibrator.Calibrate(entities, new AliasCalibrationOptions(), TestOptions.Ordered()));
    }

    private static double Distance(LabelledAliasEntity a, LabelledAliasEntity b) =>
        1 - a.Entity.Place.Centroid.Zip(b.Entity.Place.Centroid, (x, y) => (double)x * y).Sum();
}
