using Disambig.Catalog;
using Disambig.Datasets.Recipes;
using static Disambig.Datasets.Tests.SyntheticCatalog;

namespace Disambig.Datasets.Tests;

public sealed class RecipePlannerTests
{
    private static IReadOnlyList<CatalogTrack> Catalog(params IEnumerable<CatalogTrack>[] artists) => [.. artists.SelectMany(a => a)];

    private static IEnumerable<string> AlbumsOf(SplitPlan split, string artist) =>
        split.Tracks.Where(t => t.Artist == artist).Select(t => t.Track.AlbumId).Distinct();

    [Fact]
    public void MsdSmall_Plan_DrawsSeventeenTracksPerArtistFifteenForTrainingTwoForEarlyStopping()
    {
        var catalog = Catalog(Artist("a", 10, 10), Artist("b", 20), Artist("c", 17), Artist("short", 16));
        var plan = RecipePlanner.Plan(catalog, new RecipeOptions { Recipe = DatasetRecipe.MsdSmall });

        Assert.Equal([SplitNames.Train, SplitNames.EarlyStopping], plan.Splits.Select(s => s.Name));
        foreach (var artist in new[] { "a", "b", "c" })
        {
            Assert.Equal(15, plan[SplitNames.Train].Tracks.Count(t => t.Artist == artist));
            Assert.Equal(2, plan[SplitNames.EarlyStopping].Tracks.Count(t => t.Artist == artist));
        }
        Assert.DoesNotContain(plan.Splits.SelectMany(s => s.Tracks), t => t.Artist == "short");
        Assert.Empty(plan[SplitNames.Train].Tracks.Select(t => t.Track).Intersect(plan[SplitNames.EarlyStopping].Tracks.Select(t => t.Track)));
        Assert.All(plan.Splits.SelectMany(s => s.Tracks), t =>
        {
            var excerpt = Assert.IsType<RandomExcerpt>(t.Sampling);
            Assert.Equal((30.0, 3.0, 10), (excerpt.ExcerptSeconds, excerpt.Seconds, excerpt.PlannedSegments));
            Assert.InRange(excerpt.Position, 0, 1);
        });
        // 7.5 minutes of training audio per artist, as the paper says.
        Assert.Equal(450, plan[SplitNames.Train].Tracks.Where(t => t.Artist == "a").Sum(t => t.Sampling.PlannedSegments * t.Sampling.SegmentSeconds));
    }

    [Fact]
    public void MsdSmall_PlanWithFewerArtists_SameSeed_ChoosesASubsetAndRepeatsExactly()
    {
        var catalog = Catalog(Artist("a", 17), Artist("b", 17), Artist("c", 17), Artist("d", 17), Artist("e", 17));
        RecipeOptions Options(int artists) => new() { Recipe = DatasetRecipe.MsdSmall, Artists = artists, Seed = 7 };

        var small = RecipePlanner.Plan(catalog, Options(2));
        var large = RecipePlanner.Plan(catalog, Options(4));

        var smallArtists = small[SplitNames.Train].Tracks.Select(t => t.Artist).ToHashSet();
        Assert.Equal(2, smallArtists.Count);
        Assert.Subset(large[SplitNames.Train].Tracks.Select(t => t.Artist).ToHashSet(), smallArtists);
        var again = RecipePlanner.Plan(catalog, Options(2));
        Assert.Equal(small[SplitNames.Train].Digest(small.Settings, "c"), again[SplitNames.Train].Digest(again.Settings, "c"));
        Assert.NotEqual(small[SplitNames.Train].Digest(small.Settings, "c"), small[SplitNames.Train].Digest(small.Settings, "other catalog"));
    }

    [Fact]
    public void Balanced_Plan_KeepsArtistsWithFourAlbumsOfMoreThanThreeTracks()
    {
        var catalog = Catalog(Artist("ok", 4, 4, 4, 4), Artist("also", 6, 5, 4, 9, 2), Artist("small-albums", 4, 4, 4, 3, 3), Artist("three", 9, 9, 9));
        var plan = RecipePlanner.Plan(catalog, new RecipeOptions { Recipe = DatasetRecipe.Balanced, SamplesPerArtist = 120 });

        var artists = plan.Splits.SelectMany(s => s.Tracks).Select(t => t.Artist).ToHashSet();
        Assert.Equal(new HashSet<string> { "ok", "also" }, artists);
    }

    [Fact]
    public void Balanced_Plan_SplitsByAlbumWithOneThirdAndOneSixthOfEachArtistsSamples()
    {
        var catalog = Catalog(Artist("a", 5, 4, 6, 4, 5, 4), Artist("b", 4, 4, 4, 4), Artist("c", 8, 4, 4, 4, 7));
        var plan = RecipePlanner.Plan(catalog, new RecipeOptions { Recipe = DatasetRecipe.Balanced, SamplesPerArtist = 120 });

        Assert.Equal([SplitNames.Train, SplitNames.EarlyStopping, SplitNames.Test], plan.Splits.Select(s => s.Name));
        foreach (var artist in new[] { "a", "b", "c" })
        {
            var albumsBySplit = plan.Splits.Select(s => AlbumsOf(s, artist).ToHashSet()).ToList();
            Assert.All(albumsBySplit, albums => Assert.NotEmpty(albums));
            Assert.Equal(albumsBySplit.Sum(a => a.Count), albumsBySplit.SelectMany(a => a).Distinct().Count());
            Assert.Equal(40, plan[SplitNames.Train].Tracks.Where(t => t.Artist == artist).Sum(t => t.Sampling.PlannedSegments));
            Assert.Equal(20, plan[SplitNames.EarlyStopping].Tracks.Where(t => t.Artist == artist).Sum(t => t.Sampling.PlannedSegments));
            Assert.Equal(60, plan[SplitNames.Test].Tracks.Where(t => t.Artist == artist).Sum(t => t.Sampling.PlannedSegments));
        }
        Assert.All(plan.Splits.SelectMany(s => s.Tracks), t => Assert.Equal(9, Assert.IsType<LinearSamples>(t.Sampling).Seconds));
    }

    [Fact]
    public void AlbumSplit_FourEqualAlbums_GivesOneToTrainOneToEarlyStoppingTwoToTest()
    {
        var albums = Enumerable.Range(0, 4).SelectMany(a => Enumerable.Repeat($"album-{a}", 5)).GroupBy(a => a).ToList();
        var splits = AlbumSplit.Deal(albums, [1.0 / 3, 1.0 / 6, 0.5], seed: 3);
        Assert.Equal([1, 1, 2], splits.Select(s => s.Count));
    }

    [Fact]
    public void Unbalanced_Plan_SplitsByArtistKeepsTheLongTailAndTakesTenSamplesPerTrack()
    {
        var sizes = new[] { 40, 20, 13, 10, 8, 6, 5, 5, 4, 4, 4, 3 };
        var catalog = Catalog([.. sizes.Select((size, i) => Artist($"artist-{i:D2}", size))]);
        var plan = RecipePlanner.Plan(catalog, new RecipeOptions { Recipe = DatasetRecipe.Unbalanced });

        var artistsBySplit = plan.Splits.Select(s => s.Tracks.Select(t => t.Artist).ToHashSet()).ToList();
        Assert.Equal(11, artistsBySplit.Sum(a => a.Count));
        Assert.Equal(11, artistsBySplit.SelectMany(a => a).Distinct().Count());
        Assert.DoesNotContain("artist-11", artistsBySplit.SelectMany(a => a));
        Assert.True(artistsBySplit[1].Count >= 2);
        var included = plan.Splits.SelectMany(s => s.Tracks).GroupBy(t => t.Artist).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(included, pair => Assert.Equal(sizes[int.Parse(pair.Key[^2..])], pair.Value));
        Assert.All(plan.Splits.SelectMany(s => s.Tracks), t => Assert.Equal(new LinearSamples(10, 9), t.Sampling));
    }

    [Fact]
    public void Unbalanced_Plan_MinTracksOne_KeepsOneTrackArtistsWithTenSamplesEach()
    {
        var catalog = Catalog([.. Enumerable.Range(0, 6).Select(i => Artist($"artist-{i}", 3)), .. Enumerable.Range(0, 4).Select(i => Artist($"single-{i}", 1))]);
        var plan = RecipePlanner.Plan(catalog, new RecipeOptions { Recipe = DatasetRecipe.Unbalanced, MinTracksPerArtist = 1, TrainFraction = 0.95, EarlyStoppingFraction = 0.04 });
        var withoutSingles = RecipePlanner.Plan(catalog, new RecipeOptions { Recipe = DatasetRecipe.Unbalanced, MinTracksPerArtist = 2, TrainFraction = 0.95, EarlyStoppingFraction = 0.04 });

        var singles = plan.Splits.SelectMany(s => s.Tracks).Where(t => t.Artist.StartsWith("single-", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, singles.Count);
        Assert.All(singles, t => Assert.Equal(new LinearSamples(10, 9), t.Sampling));
        Assert.Equal(2, plan[SplitNames.EarlyStopping].Tracks.Select(t => t.Artist).Distinct().Count());
        Assert.Equal(8, plan[SplitNames.Train].Tracks.Select(t => t.Artist).Distinct().Count());
        Assert.DoesNotContain(withoutSingles.Splits.SelectMany(s => s.Tracks), t => t.Artist.StartsWith("single-", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MinTracksZero_ThrowsNamingTheSetting() =>
        Assert.Equal("MinTracksPerArtist", Assert.Throws<ArgumentOutOfRangeException>(() => new RecipeOptions { Recipe = DatasetRecipe.Unbalanced, MinTracksPerArtist = 0 }.Validate()).ParamName);

    [Fact]
    public void Unbalanced_Plan_ThreeSecondSamples_CutsTheSameTracksAndRecordsTheLength()
    {
        var catalog = Catalog([.. Enumerable.Range(0, 6).Select(i => Artist($"artist-{i}", 5))]);
        var nine = RecipePlanner.Plan(catalog, new RecipeOptions { Recipe = DatasetRecipe.Unbalanced });
        var three = RecipePlanner.Plan(catalog, new RecipeOptions { Recipe = DatasetRecipe.Unbalanced, SampleSeconds = 3 });

        Assert.Equal(nine.Splits.Select(s => s.Tracks.Select(t => t.Track.TrackId)), three.Splits.Select(s => s.Tracks.Select(t => t.Track.TrackId)));
        Assert.All(three.Splits.SelectMany(s => s.Tracks), t => Assert.Equal(new LinearSamples(10, 3), t.Sampling));
        Assert.Equal("3", new RecipeOptions { Recipe = DatasetRecipe.Unbalanced, SampleSeconds = 3 }.Describe()["segmentSeconds"]);
        Assert.Equal("9", new RecipeOptions { Recipe = DatasetRecipe.Unbalanced }.Describe()["segmentSeconds"]);
    }

    [Theory]
    [InlineData(DatasetRecipe.Unbalanced, 5)]
    [InlineData(DatasetRecipe.MsdSmall, 9)]
    public void Validate_SampleSecondsNotCut_ThrowsNamingTheSetting(DatasetRecipe recipe, int seconds) =>
        Assert.Equal("SampleSeconds", Assert.Throws<ArgumentOutOfRangeException>(() => new RecipeOptions { Recipe = recipe, SampleSeconds = seconds }.Validate()).ParamName);

    [Fact]
    public void SideInformation_Plan_TakesOneNineSecondSamplePerTrackAndKeepsTags()
    {
        var catalog = Catalog([.. Enumerable.Range(0, 6).Select(i => Artist($"artist-{i}", 5))]);
        var plan = RecipePlanner.Plan(catalog, new RecipeOptions { Recipe = DatasetRecipe.SideInformation });

        Assert.Equal(30, plan.Splits.Sum(s => s.Tracks.Count));
        Assert.All(plan.Splits.SelectMany(s => s.Tracks), t => Assert.Equal((9.0, 1), (t.Sampling.SegmentSeconds, t.Sampling.PlannedSegments)));
        Assert.All(plan.Splits, split => Assert.All(split.ArtistTags, pair => Assert.Equal([$"genre-of-{pair.Key}"], pair.Value)));
    }

    [Fact]
    public void Plan_TooFewEligibleArtists_ThrowsNamingTheRule()
    {
        var catalog = Catalog(Artist("a", 17), Artist("b", 3));
        var error = Assert.Throws<RecipePlanException>(() => RecipePlanner.Plan(catalog, new RecipeOptions { Recipe = DatasetRecipe.MsdSmall }));
        Assert.Contains("17 tracks", error.Message);

        var tooMany = Assert.Throws<RecipePlanException>(() =>
            RecipePlanner.Plan(Catalog(Artist("a", 17), Artist("b", 17)), new RecipeOptions { Recipe = DatasetRecipe.MsdSmall, Artists = 3 }));
        Assert.Contains("3 artists asked", tooMany.Message);
    }

    [Fact]
    public void Recipes_ParseName_RoundTripsEveryRecipe()
    {
        Assert.All(Enum.GetValues<DatasetRecipe>(), r => Assert.Equal(r, DatasetRecipes.Parse(DatasetRecipes.NameOf(r))));
        Assert.Throws<ArgumentException>(() => DatasetRecipes.Parse("msd-large"));
    }
}
