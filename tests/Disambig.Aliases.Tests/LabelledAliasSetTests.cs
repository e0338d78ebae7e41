namespace Disambig.Aliases.Tests;

/// <summary>Labelled alias entities built from labelled track vectors: the input of alias calibration and evaluation.</summary>
public sealed class LabelledAliasSetTests
{
    private static LabelledTrackVector Track(string name, string artist, string album, params float[] v) => new(name, artist, album, 2000, v);

    private static readonly LabelledTrackVector[] Catalog =
    [
        Track("ana", "a1", "x1", 1, 0), Track("ana", "a1", "x2", 1, 0.1f), Track("ana", "a1", "x3", 1, 0.05f),
        Track("ana", "a2", "y1", 0, 1), Track("ana b", "a1", "x4", 1, 0.02f), Track("cara", "c", "z1", -1, 0),
    ];

    [Fact]
    public void ByCredit_GivesOneEntityPerNameAndTrueArtist_SoAnArtistUnderTwoNamesIsATrueAliasPair()
    {
        var entities = LabelledAliasSet.ByCredit(Catalog);

        Assert.Equal(["ana b#a1", "ana#a1", "ana#a2", "cara#c"], entities.Select(e => e.Entity.EntityId).Order(StringComparer.Ordinal));
        Assert.Equal(3, entities.Single(e => e.Entity.EntityId == "ana#a1").Entity.Place.TrackCount);
        Assert.Equal(1, AliasMetrics.TruePairs(entities.Select(e => e.Truth)));
    }

    [Fact]
    public void AlbumSplit_CreditsEachArtistUnderTwoNamesByAlternateAlbum_AndOneAlbumArtistsUnderOne()
    {
        var entities = LabelledAliasSet.AlbumSplit(Catalog);

        // a1 has albums x1..x4: x1, x3 under a1~0 and x2, x4 under a1~1; a2 and c have one album each.
        Assert.Equal(["a1~0#a1", "a1~1#a1", "a2~0#a2", "c~0#c"], entities.Select(e => e.Entity.EntityId).Order(StringComparer.Ordinal));
        Assert.Equal(["x1", "x3"], entities.Single(e => e.Entity.Name == "a1~0").Entity.Albums.Select(a => a.AlbumId));
        Assert.Equal(1, AliasMetrics.TruePairs(entities.Select(e => e.Truth)));
    }

    [Fact]
    public void Calibrate_OneArtist_GivesNothingInsteadOfFailing()
    {
        Assert.Null(LabelledAliasSet.Calibrate(LabelledAliasSet.AlbumSplit([.. Catalog.Where(t => t.ArtistId == "a1")])));
    }
}
