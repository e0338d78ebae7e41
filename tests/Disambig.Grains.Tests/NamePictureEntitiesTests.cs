using Disambig.Grains.Hosting;
using Disambig.Grains.Names;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Disambig.Grains.Tests;

/// <summary>
/// Each point of a name's picture carries its entity from the name's whole result, so a big name kept in pages (whose
/// summary lists only its first tracks) is drawn in its entities' colours whichever page the dashboard lists.
/// </summary>
public sealed class NamePictureEntitiesTests
{
    private static readonly ModelRef Model = new("m1", 0.4, 9);

    /// <summary>A name of two entities of two tracks each.</summary>
    private static NameResult Whole(params EntityResult[] entities) =>
        new("big old", "Big Old", "s1", Model, NameDecision.Split, 0.9,
            entities.Length > 0 ? entities : [new EntityResult(1, ["a", "b"], 0.9), new EntityResult(2, ["c", "d"], 0.8)], [], DateTimeOffset.UnixEpoch);

    private static NamePicture Picture(params string[] tracks) =>
        new([.. tracks.Select((id, i) => new PicturePoint(id, i, i))], [], 0.4, tracks.Length);

    /// <summary>
    /// The Orleans bytes of a <see cref="NameState"/> as stored before picture points carried their entity (written by
    /// the code of commit 3cb6051): the name "big old" of <see cref="Whole"/>, kept as a summary listing one track, and
    /// a picture of the points a, b, c and d.
    /// </summary>
    private const string StateBeforePointEntities =
        "IEAPQmlnIE9sZCHgIehAD2JpZyBvbGTBBUEFczEh6EAFbTGBmpmZmZmZ2T8BJcd1AeABAYHNzMzMzMzsPzEBiIxnhHVTeXN0ZW0uQ29sbGVjdGlv" +
        "bnMuR2VuZXJpYy5MaXN0YDFbW0Rpc2FtYmlnLkVudGl0eVJlc3VsdF1dAAUh6AAFMQFZ0bcpV1N5c3RlbS5Db2xsZWN0aW9ucy5HZW5lcmljLkxp" +
        "c3RgMVtbc3RyaW5nXV0AA0EDYeCBzczMzMzM7D/BAQdfCeAg6AAJOQXggZqZmZmZmek/wQEHXwng4DEBqR2xxGtSZWFkT25seUxpc3RJbnRlcmZh" +
        "Y2VDb2RlY2AxW1tEaXNhbWJpZy5UcmFja0ZhaWx1cmVdXeAhgACAtff1f58IgQAAAAAAAAAA4MEBB1MDAQHHEwHBAeDBASHoAAHBAcEBMQEa+z75" +
        "N0Rpc2FtYmlnLkN1cmF0aW9uRGVjaXNpb25bXeDgIegwAan+9XZrUmVhZE9ubHlMaXN0SW50ZXJmYWNlQ29kZWNgMVtbRGlzYW1iaWcuUGljdHVy" +
        "ZVBvaW50XV0ACSHowCuBAAAAAAAAAACBAAAAAAAAAADgIOhAA2KBAAAAAAAA8D+BAAAAAAAA8D/gIOhAA2OBAAAAAAAAAECBAAAAAAAAAEDgIOhA" +
        "A2SBAAAAAAAACECBAAAAAAAACEDg4DEBu4HWzC9EaXNhbWJpZy5QaWN0dXJlTWVyZ2VbXeCBmpmZmZmZ2T8BEeDBAcEBwQHHVQHBAQEDB2EBAQHg";

    [Fact]
    public void Coloured_GivesEachPointTheEntityListingItsTrack_AndNoneToATrackOfNoEntity()
    {
        var coloured = NamePictures.Coloured(Picture("d", "a", "gone", "c", "b"), Whole());

        Assert.Equal([2, 1, null, 2, 1], coloured.Points.Select(p => p.Entity));
        Assert.Equal(["d", "a", "gone", "c", "b"], coloured.Points.Select(p => p.TrackId));
        Assert.Equal([0.0, 1, 2, 3, 4], coloured.Points.Select(p => p.X));
    }

    [Fact]
    public void Coloured_FromASummary_IsRefusedNamingTheName()
    {
        var summary = NameResultPages.Summary(Whole(), 1);

        var error = Assert.Throws<ArgumentException>(() => NamePictures.Coloured(Picture("a", "c"), summary));

        Assert.Contains("'big old'", error.Message);
    }

    [Fact]
    public void KeepResult_OfANameAboveTheInlineLimit_ColoursEveryPointThoughTheSummaryListsOneTrack()
    {
        var state = new NameState { Picture = Picture("a", "b", "c", "d") };

        var kept = state.KeepResult(Whole(), listed: 1);

        Assert.True(kept.Paged);
        Assert.Equal(["a"], kept.Entities.SelectMany(e => e.TrackIds));
        Assert.Equal([1, 1, 2, 2], state.Picture!.Points.Select(p => p.Entity));

        // A curator moves b to entity 2: the kept result's picture follows.
        state.KeepResult(Whole(new EntityResult(1, ["a"], 0.9), new EntityResult(2, ["b", "c", "d"], 0.8)), listed: 1);

        Assert.Equal([1, 2, 2, 2], state.Picture!.Points.Select(p => p.Entity));
    }

    [Fact]
    public void NameState_StoredBeforePointsCarriedTheirEntity_Loads_WithoutThem_UntilItsNextResultIsKept()
    {
        var serializer = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(PipelineOptions).Assembly).AddAssembly(typeof(NameResult).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>();

        NameState Load(byte[] bytes) => serializer.Deserialize<NameState>(bytes) ?? throw new InvalidDataException("No state read.");

        var state = Load(Convert.FromBase64String(StateBeforePointEntities));

        Assert.Equal("Big Old", state.DisplayName);
        Assert.True(state.Result!.Paged);
        Assert.True(state.ResultInStore);
        Assert.Equal([2, 2], state.Result.Entities.Select(e => e.Tracks));
        Assert.Equal(["a", "b", "c", "d"], state.Picture!.Points.Select(p => p.TrackId));
        Assert.Equal((1.0, 1.0), (state.Picture.Points[1].X, state.Picture.Points[1].Y));
        // No entity stored: the dashboard colours such points from the result it lists (NameView).
        Assert.All(state.Picture.Points, p => Assert.Null(p.Entity));

        state.KeepResult(Whole(), listed: 1);

        Assert.Equal([1, 1, 2, 2], state.Picture.Points.Select(p => p.Entity));
        // Stored and read back, the points keep their entities.
        Assert.Equal(state.Picture.Points, Load(serializer.SerializeToArray(state)).Picture!.Points);
    }
}
