using Disambig.Catalog;

namespace Disambig.Catalog.Tests;

public sealed class ArtistNameTests
{
    [Theory]
    [InlineData("Bill Evans")]
    [InlineData("  Bill   Evans ")]
    [InlineData("BILL EVANS")]
    [InlineData("Ｂｉｌｌ Ｅｖａｎｓ")]
    [InlineData("Bill\u00A0Evans")]
    [InlineData("Bill\t\nEvans")]
    public void From_SpellingVariants_GiveOneKey(string name)
    {
        Assert.Equal("bill evans", ArtistNameKey.From(name));
    }

    [Fact]
    public void From_ComposedAndDecomposedAccents_GiveOneKey()
    {
        Assert.Equal(ArtistNameKey.From("Beyonc\u00E9"), ArtistNameKey.From("BEYONCE\u0301"));
    }

    [Fact]
    public void From_FinalAndMedialSigma_GiveOneKey()
    {
        Assert.Equal(ArtistNameKey.From("ΟΔΥΣΣΕΥΣ"), ArtistNameKey.From("οδυσσευς"));
    }

    [Fact]
    public void From_DifferentNames_GiveDifferentKeys()
    {
        Assert.NotEqual(ArtistNameKey.From("Bill Evans"), ArtistNameKey.From("Bill Evens"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    public void From_BlankName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => ArtistNameKey.From(name));
    }

    [Fact]
    public void TrackCatalog_SpellingVariants_GroupUnderFirstDisplayName()
    {
        var catalog = TrackCatalog.FromTracks(
        [
            CatalogJsonLinesTests.Track("t1", artist: "Bill Evans"),
            CatalogJsonLinesTests.Track("t2", artist: "Miles Davis"),
            CatalogJsonLinesTests.Track("t3", artist: "BILL  EVANS"),
        ]);

        var bill = catalog.FindName("bill evans");

        Assert.NotNull(bill);
        Assert.Equal("Bill Evans", bill.DisplayName);
        Assert.Equal(["t1", "t3"], bill.Tracks.Select(track => track.TrackId));
        Assert.Equal(["bill evans", "miles davis"], catalog.Names.Select(name => name.Key));
        Assert.Equal("BILL  EVANS", catalog.FindTrack("t3")!.ArtistName);
        Assert.Null(catalog.FindName("Bill Evens"));
    }

    [Fact]
    public void TrackCatalog_DuplicateTrackIds_Throws()
    {
        Assert.Throws<ArgumentException>(() => TrackCatalog.FromTracks([CatalogJsonLinesTests.Track("t1"), CatalogJsonLinesTests.Track("t1")]));
    }
}
