using Disambig.Grains.Services;
using Disambig.Vectors;
using Disambig.Grains;
using Disambig.Vectors.Training;

namespace Disambig.Grains.Tests.Training;

public class CatalogTrainingRunnerTests
{
    /// <summary>The artist of each track of a catalog of <paramref name="artists"/> artists with 2 tracks each.</summary>
    private static List<string> Catalog(int artists) =>
        [.. Enumerable.Range(0, artists).SelectMany(a => Enumerable.Repeat($"artist-{a:D2}", 2))];

    [Fact]
    public void HeldOutArtists_AShareOfTheArtistsDrawnFromTheSeed()
    {
        var tracks = Catalog(artists: 24);

        var heldOut = CatalogTrainingRunner.HeldOutArtists(tracks, share: 0.25, seed: 3);

        Assert.Equal(6, heldOut.Count);
        Assert.Equal(heldOut.Order(), CatalogTrainingRunner.HeldOutArtists(tracks, share: 0.25, seed: 3).Order());
        Assert.NotEqual(heldOut.Order(), CatalogTrainingRunner.HeldOutArtists(tracks, share: 0.25, seed: 4).Order());
    }

    [Fact]
    public void HeldOutArtists_SmallCatalog_HoldsOutTwoPooledNamesWorth()
    {
        Assert.Equal(CatalogTrainingRunner.MinHeldOutArtists, CatalogTrainingRunner.HeldOutArtists(Catalog(artists: 8), share: 0.1, seed: 1).Count);
    }

    [Fact]
    public void HeldOutArtists_TooFewArtistsToTrainOnTheRest_SaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() => CatalogTrainingRunner.HeldOutArtists(Catalog(artists: 5), share: 0.25, seed: 1));

        Assert.Contains("5 artists", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void TrainingJobRequest_HeldOutShareOutOfRange_IsRefusedByName(double share)
    {
        var request = new TrainingJobRequest("demo/catalog.jsonl", "v1", Steps: 10, Seed: 1, MakeCurrent: false, HeldOutArtistShare: share);

        var error = Assert.Throws<ArgumentException>(request.Validate);

        Assert.Contains(nameof(TrainingJobRequest.HeldOutArtistShare), error.Message);
    }
}
