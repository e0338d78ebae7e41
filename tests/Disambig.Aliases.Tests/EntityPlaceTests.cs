namespace Disambig.Aliases.Tests;

public class EntityPlaceTests
{
    [Fact]
    public void FromTracks_TwoOrthogonalTracks_CentroidIsNormalisedMeanAndSpreadIsTheirDistance()
    {
        var place = EntityPlace.FromTracks([[1f, 0f, 0f], [0f, 1f, 0f]], "e1");

        var half = (float)Math.Sqrt(0.5);
        Assert.Equal([half, half, 0f], place.Centroid);
        Assert.Equal(1 - Math.Sqrt(0.5), place.Spread, 6);
        Assert.Equal(2, place.TrackCount);
    }

    [Fact]
    public void FromTracks_TracksOfDifferentLengths_AreWeighedByDirectionOnly()
    {
        var scaled = EntityPlace.FromTracks([[10f, 0f], [0f, 0.1f]], "e1");
        var unit = EntityPlace.FromTracks([[1f, 0f], [0f, 1f]], "e1");

        Assert.Equal(unit.Centroid, scaled.Centroid);
        Assert.Equal(unit.Spread, scaled.Spread, 9);
    }

    [Fact]
    public void FromTracks_OneTrack_IsThatDirectionWithNoSpread()
    {
        var place = EntityPlace.FromTracks([[0f, 3f, 4f]], "e1");

        Assert.Equal([0f, 0.6f, 0.8f], place.Centroid);
        Assert.Equal(0, place.Spread, 9);
        Assert.Equal(1, place.TrackCount);
    }

    [Fact]
    public void FromTracks_OppositeTracks_FallsBackToTheFirstTrackDirection()
    {
        var place = EntityPlace.FromTracks([[0f, 2f], [0f, -2f]], "e1");

        Assert.Equal([0f, 1f], place.Centroid);
        Assert.Equal(1, place.Spread, 9);
    }

    [Fact]
    public void FromTracks_ScatteredTracks_SpreadGrowsWithScatter()
    {
        var random = new Random(3);
        var direction = SyntheticCatalog.RandomUnit(random);
        var tight = EntityPlace.FromTracks(SyntheticCatalog.Tracks(direction, 20, 0.2, random), "tight");
        var loose = EntityPlace.FromTracks(SyntheticCatalog.Tracks(direction, 20, 1.5, random), "loose");

        Assert.True(tight.Spread < loose.Spread);
        Assert.Equal(1, Math.Sqrt(tight.Centroid.Sum(v => (double)v * v)), 5);
    }

    [Theory]
    [InlineData(new[] { 1f, float.NaN }, "track vector 1: component 1 is NaN")]
    [InlineData(new[] { 1f, 0f, 0f }, "track vector 1: it has 3 values but track 0 has 2")]
    [InlineData(new[] { 0f, 0f }, "track vector 1: the vector is all zeros")]
    public void FromTracks_BadTrack_ThrowsNamingEntityTrackAndReason(float[] bad, string reason)
    {
        var error = Assert.Throws<InvalidTrackVectorException>(() => EntityPlace.FromTracks([[1f, 0f], bad], "Björk#2"));

        Assert.Contains("Entity 'Björk#2', " + reason, error.Message);
        Assert.Equal(1, error.Track);
    }

    [Fact]
    public void FromTracks_NoTracks_ThrowsNamingEntity()
    {
        var error = Assert.Throws<InvalidTrackVectorException>(() => EntityPlace.FromTracks([], "Prince#0"));

        Assert.Contains("Entity 'Prince#0' has no place in the embedding space: the entity has no track vectors", error.Message);
    }
}
