using Disambig.Clustering.Calibration;
namespace Disambig.Aliases.Tests;

public class AliasCatalogTests
{
    private static readonly AliasModel Model = new(0.1, new PlattScaling(30, -4.5), 0.4);

    private static AliasEntity Entity(string id, string name, float[] direction, int tracks, Random random, params AlbumCredit[] albums) =>
        new(id, name, EntityPlace.FromTracks(SyntheticCatalog.Tracks(direction, tracks, 0.3, random), id), albums);

    [Fact]
    public void Find_OneArtistUnderTwoNames_ProposesThePairWithEvidence()
    {
        var random = new Random(1);
        var (prince, other) = (SyntheticCatalog.RandomUnit(random), SyntheticCatalog.RandomUnit(random));
        AliasEntity[] entities =
        [
            Entity("prince#0", "prince", prince, 12, random, new AlbumCredit("purple-rain", 1984), new AlbumCredit("sign-o-the-times", 1987)),
            Entity("tafkap#0", "tafkap", prince, 9, random, new AlbumCredit("emancipation", 1996), new AlbumCredit("compilation", 1999)),
            Entity("other#0", "other", other, 10, random, new AlbumCredit("compilation", 1999)),
        ];

        var suggestion = Assert.Single(AliasCatalog.Find(entities, Model, TestOptions.Ordered()));

        Assert.Equal(("prince#0", "tafkap#0"), (suggestion.LeftEntityId, suggestion.RightEntityId));
        Assert.False(suggestion.LowEvidence);
        Assert.Equal(Model.Probability(suggestion.Evidence.Distance, false), suggestion.Probability);
        Assert.True(suggestion.Evidence.Distance < 0.1);
        Assert.Equal(["purple-rain", "sign-o-the-times"], suggestion.Evidence.Left.Albums);
        Assert.Equal([1984, 1987], suggestion.Evidence.Left.Years);
        Assert.Equal(9, suggestion.Evidence.Right.TrackCount);
        Assert.Equal([1996, 1999], suggestion.Evidence.Right.Years);
        Assert.False(suggestion.Evidence.NamesShareAnAlbum);
    }

    [Fact]
    public void Find_NamesCreditedOnOneAlbum_SaysSo()
    {
        var random = new Random(2);
        var artist = SyntheticCatalog.RandomUnit(random);
        AliasEntity[] entities =
        [
            Entity("a#0", "a", artist, 8, random, new AlbumCredit("split-ep", 2001)),
            Entity("b#0", "b", artist, 8, random, new AlbumCredit("solo", 2003)),
            Entity("b#1", "b", SyntheticCatalog.RandomUnit(random), 8, random, new AlbumCredit("split-ep", 2001)),
        ];

        var suggestion = Assert.Single(AliasCatalog.Find(entities, Model, TestOptions.Ordered()));

        Assert.Equal(("a#0", "b#0"), (suggestion.LeftEntityId, suggestion.RightEntityId));
        Assert.True(suggestion.Evidence.NamesShareAnAlbum);
    }

    [Fact]
    public void Find_EntitiesOfOneName_AreNeverProposed()
    {
        var random = new Random(3);
        var artist = SyntheticCatalog.RandomUnit(random);
        AliasEntity[] entities = [.. Enumerable.Range(0, 5).Select(i => Entity($"same#{i}", "same", artist, 6, random))];

        Assert.Empty(AliasCatalog.Find(entities, Model, TestOptions.Ordered()));
    }

    [Fact]
    public void Find_EmptyCatalog_IsEmpty()
    {
        Assert.Empty(AliasCatalog.Find([], Model, TestOptions.Ordered()));
    }

    [Fact]
    public void Find_SameNameSiblingsCrowdTheNeighbourhood_StillReachesTheOtherName()
    {
        // Twenty entities of one name sit nearer the query than the alias; the search widens past them.
        var random = new Random(4);
        var artist = SyntheticCatalog.RandomUnit(random);
        var crowd = Enumerable.Range(0, 20).Select(i => Entity($"crowd#{i}", "crowd", artist, 30, random)).ToList();
        crowd.Add(Entity("alias#0", "alias", artist, 3, random));

        var suggestions = AliasCatalog.Find(crowd, Model, new AliasOptions { InsertThreads = 1, Neighbours = 1 });

        Assert.Equal(20, suggestions.Count);
        Assert.All(suggestions, s => Assert.Equal("alias#0", s.LeftEntityId));
    }

    [Fact]
    public void Find_OneOrTwoTracks_FlaggedLowEvidenceAndCapped()
    {
        var random = new Random(5);
        var artist = SyntheticCatalog.RandomUnit(random);
        AliasEntity[] entities =
        [
            new("big#0", "big", EntityPlace.FromTracks([.. Enumerable.Repeat(artist, 10)], "big#0"), []),
            new("single#0", "single", EntityPlace.FromTracks([artist], "single#0"), []),
        ];

        var suggestion = Assert.Single(AliasCatalog.Find(entities, Model, TestOptions.Ordered()));

        Assert.True(suggestion.LowEvidence);
        Assert.True(Model.Probability(suggestion.Evidence.Distance, lowEvidence: false) > 0.98);
        Assert.Equal(0.4, suggestion.Probability);
    }

    [Fact]
    public void Update_OneEntityChanged_QueriesOnlyItAndMatchesAFullRecompute()
    {
        var entities = SyntheticCatalog.Create(seed: 6, artists: 300, aliasEvery: 5).Select(e => e.Entity).ToList();
        var model = new AliasModel(0.12, new PlattScaling(30, -4.5), 0.4);
        using var catalog = new AliasCatalog(model, TestOptions.Ordered());
        catalog.Update(entities, []);
        var before = catalog.Suggestions();
        Assert.Contains(before, s => s.LeftEntityId == "alias-0005#0" && s.RightEntityId == "name-0002#1");

        // alias-0005 is re-credited with another artist's tracks; name-0010#0 leaves the catalog.
        var random = new Random(7);
        var moved = entities.Single(e => e.EntityId == "name-0007#0");
        var changed = entities.Single(e => e.EntityId == "alias-0005#0") with
        {
            Place = EntityPlace.FromTracks(SyntheticCatalog.Tracks(moved.Place.Centroid, 8, 0.6, random), "alias-0005#0"),
        };
        var update = catalog.Update([changed], ["name-0010#0"]);

        Assert.Equal(1, update.QueriedEntities);
        Assert.Equal(1, update.RemovedEntities);
        var after = catalog.Suggestions();
        var current = entities.Where(e => e.EntityId is not ("alias-0005#0" or "name-0010#0")).Append(changed).ToList();
        var recomputed = AliasCatalog.Find(current, model, TestOptions.Ordered());
        Assert.Equal(recomputed.Select(Key), after.Select(Key));
        Assert.DoesNotContain(after, s => s.RightEntityId == "name-0002#1" && s.LeftEntityId == "alias-0005#0");
        Assert.Contains(after, s => s.LeftEntityId == "alias-0005#0" && s.RightEntityId == "name-0007#0");
        Assert.DoesNotContain(after, s => s.LeftEntityId == "alias-0010#0" && s.RightEntityId == "name-0010#0");
    }

    [Fact]
    public void Find_CatalogSplitOverShards_ProposesWhatOneIndexProposes()
    {
        var entities = SyntheticCatalog.Create(seed: 8, artists: 200, aliasEvery: 4).Select(e => e.Entity).ToList();
        var model = new AliasModel(0.12, new PlattScaling(30, -4.5), 0.4);

        var whole = AliasCatalog.Find(entities, model, TestOptions.Ordered());
        using var sharded = new AliasCatalog(model, new AliasOptions { InsertThreads = 1, MaxEntitiesPerShard = 60 });
        sharded.Update(entities, []);

        Assert.Equal(5, sharded.ShardCount);
        Assert.Equal(50, whole.Count(s => s.LeftEntityId.StartsWith("alias-", StringComparison.Ordinal)));
        Assert.Equal(whole.Select(Key), sharded.Suggestions().Select(Key));
    }

    [Fact]
    public void Constructor_OptionOutOfRange_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AliasCatalog(Model, new AliasOptions { Neighbours = 0 }));

        Assert.Equal(nameof(AliasOptions.Neighbours), error.ParamName);
    }

    [Fact]
    public void Update_CentroidOfAnotherLength_ThrowsNamingTheEntity()
    {
        using var catalog = new AliasCatalog(Model, TestOptions.Ordered());
        catalog.Update([new AliasEntity("a#0", "a", EntityPlace.FromTracks([[1f, 0f, 0f]], "a#0"), [])], []);

        var error = Assert.Throws<ArgumentException>(() =>
            catalog.Update([new AliasEntity("b#0", "b", EntityPlace.FromTracks([[1f, 0f]], "b#0"), [])], []));
        Assert.Contains("'b#0' has a centroid of 2 values; the catalog's centroids have 3", error.Message);
    }

    private static string Key(AliasSuggestion s) => $"{s.LeftEntityId}|{s.RightEntityId}|{s.Evidence.Distance:F6}";
}
