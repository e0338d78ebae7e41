using Disambig.Catalog;
using Disambig.Catalog.Demo;

namespace Disambig.Catalog.Tests;

public sealed class DemoCatalogPlannerTests
{
    private static async Task<string> CatalogLinesAsync(DemoCatalogPlan plan)
    {
        var writer = new StringWriter();
        await CatalogJsonLines.WriteAsync(writer, plan.Tracks.Select(track => track.Track));
        return writer.ToString();
    }

    [Fact]
    public async Task Plan_SameSeed_GivesIdenticalCatalogLines()
    {
        var first = await CatalogLinesAsync(DemoCatalogPlanner.Plan(new DemoCatalogOptions { Seed = 42, ZipfTrackCounts = true }));
        var second = await CatalogLinesAsync(DemoCatalogPlanner.Plan(new DemoCatalogOptions { Seed = 42, ZipfTrackCounts = true }));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Plan_DifferentSeed_GivesDifferentCatalog()
    {
        var first = await CatalogLinesAsync(DemoCatalogPlanner.Plan(new DemoCatalogOptions { Seed = 42 }));
        var second = await CatalogLinesAsync(DemoCatalogPlanner.Plan(new DemoCatalogOptions { Seed = 43 }));

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Plan_HomonymGroups_CreditTwoToFourTrueArtistsUnderEachSharedName(ulong seed)
    {
        var plan = DemoCatalogPlanner.Plan(new DemoCatalogOptions { Artists = 20, TracksPerArtist = 3, HomonymGroups = 4, Seed = seed });

        var artistsPerName = plan.Tracks
            .GroupBy(track => ArtistNameKey.From(track.Track.ArtistName))
            .Select(name => name.Select(track => track.Track.TrueArtistId).Distinct().Count())
            .ToArray();

        var shared = artistsPerName.Where(count => count > 1).ToArray();
        Assert.Equal(4, shared.Length);
        Assert.All(shared, count => Assert.InRange(count, 2, 4));
        Assert.Equal(20, artistsPerName.Sum());
    }

    [Fact]
    public void Plan_HomonymGroupsUsingEveryArtist_StillFormsEveryGroup()
    {
        var plan = DemoCatalogPlanner.Plan(new DemoCatalogOptions { Artists = 6, TracksPerArtist = 1, HomonymGroups = 3 });

        Assert.Equal(3, plan.Artists.Select(artist => artist.CreditedName).Distinct().Count());
    }

    [Fact]
    public void Plan_ZipfCounts_AreLongTailed()
    {
        var options = new DemoCatalogOptions { Artists = 50, ZipfTrackCounts = true, MinTracksPerArtist = 2, MaxTracksPerArtist = 60 };

        var counts = DemoCatalogPlanner.Plan(options).Tracks
            .GroupBy(track => track.Artist.ArtistId)
            .Select(artist => artist.Count())
            .OrderDescending()
            .ToArray();

        Assert.Equal(50, counts.Length);
        Assert.Equal(60, counts[0]);
        Assert.Equal(2, counts[^1]);
        Assert.True(counts[25] <= 6, $"median {counts[25]} should be a tenth of the head");
        Assert.True(counts.Take(5).Sum() >= 0.4 * counts.Sum(), "the top tenth of the artists should hold 40 % of the tracks");
    }

    [Fact]
    public void Plan_FixedCounts_GiveEveryArtistTheSameNumberSpreadOverAlbums()
    {
        var plan = DemoCatalogPlanner.Plan(new DemoCatalogOptions { Artists = 5, TracksPerArtist = 17, AlbumsPerArtist = 4 });

        foreach (var artist in plan.Tracks.GroupBy(track => track.Artist.ArtistId))
        {
            Assert.Equal(17, artist.Count());
            var albumSizes = artist.GroupBy(track => track.Album.AlbumId).Select(album => album.Count()).Order().ToArray();
            Assert.Equal([4, 4, 4, 5], albumSizes);
        }
    }

    [Fact]
    public void Plan_GenreGroups_ShareTagsAndSoundAlike()
    {
        var plan = DemoCatalogPlanner.Plan(new DemoCatalogOptions { Artists = 40, TracksPerArtist = 1, ArtistsPerGenre = 4, Seed = 5 });

        var groups = plan.Artists.GroupBy(artist => string.Join('|', artist.Genres)).ToArray();
        Assert.Equal(10, groups.Length);
        Assert.All(groups, group => Assert.Equal(4, group.Count()));

        // Register is one of the drawn priors: artists of one genre sit closer than artists of different genres.
        static double Register(ArtistProfile artist) => (artist.LowestMidiNote + artist.HighestMidiNote) / 2.0;
        var genreOf = plan.Artists.ToDictionary(artist => artist.ArtistId, artist => string.Join('|', artist.Genres));
        var pairs = plan.Artists.SelectMany((a, i) => plan.Artists.Skip(i + 1).Select(b => (Same: genreOf[a.ArtistId] == genreOf[b.ArtistId], Gap: Math.Abs(Register(a) - Register(b))))).ToArray();
        Assert.True(pairs.Where(p => p.Same).Average(p => p.Gap) < 0.6 * pairs.Where(p => !p.Same).Average(p => p.Gap));
    }

    [Fact]
    public void Plan_Catalog_HasPlausibleUniqueIdsDatesAndSafePaths()
    {
        var plan = DemoCatalogPlanner.Plan(new DemoCatalogOptions { Artists = 30, TracksPerArtist = 6, AlbumsPerArtist = 3 });
        var tracks = plan.Tracks.Select(track => track.Track).ToArray();

        Assert.Equal(tracks.Length, tracks.Select(track => track.TrackId).Distinct().Count());
        Assert.All(tracks, track => Assert.Null(RelativeAudioPath.FindViolation(track.AudioPath)));
        Assert.All(tracks, track => Assert.InRange(track.ReleaseDate.Year, 1958, 2024));
        Assert.All(tracks, track => Assert.False(string.IsNullOrWhiteSpace(track.Title)));
        Assert.Equal(DemoAudioFormats.All.Select(format => "." + format.Extension()).Order(), tracks.Select(track => Path.GetExtension(track.AudioPath)).Distinct().Order());
        foreach (var artist in plan.Tracks.GroupBy(track => track.Artist.ArtistId))
        {
            var albumDates = artist.Select(track => track.Album).Distinct().Select(album => album.ReleaseDate.Year).ToArray();
            Assert.Equal(albumDates.Order(), albumDates);
        }
    }

    [Theory]
    [InlineData(nameof(DemoCatalogOptions.Artists))]
    [InlineData(nameof(DemoCatalogOptions.HomonymGroups))]
    [InlineData(nameof(DemoCatalogOptions.MaxTrackSeconds))]
    [InlineData(nameof(DemoCatalogOptions.MinTrackSeconds))]
    [InlineData(nameof(DemoCatalogOptions.MinTracksPerArtist))]
    public void Plan_InvalidOption_ThrowsNamingIt(string option)
    {
        var options = new DemoCatalogOptions();
        Action spoil = option switch
        {
            nameof(DemoCatalogOptions.Artists) => () => options.Artists = 0,
            nameof(DemoCatalogOptions.HomonymGroups) => () => options.HomonymGroups = options.Artists / 2 + 1,
            nameof(DemoCatalogOptions.MaxTrackSeconds) => () => options.MaxTrackSeconds = options.MinTrackSeconds - 1,
            nameof(DemoCatalogOptions.MinTrackSeconds) => () => options.MinTrackSeconds = 2,
            _ => () => options.MinTracksPerArtist = options.MaxTracksPerArtist + 1,
        };
        spoil();

        var failure = Assert.Throws<ArgumentOutOfRangeException>(() => DemoCatalogPlanner.Plan(options));

        Assert.Equal(option, failure.ParamName);
    }

    [Fact]
    public void Plan_WithAliasArtists_KeepsEveryOtherTrackAndCreditsEachAliasArtistUnderTwoNewNamesOfOneTrueArtist()
    {
        var options = new DemoCatalogOptions { Seed = 7, Artists = 12, TracksPerArtist = 6, AlbumsPerArtist = 2, HomonymGroups = 2 };
        var without = DemoCatalogPlanner.Plan(options);
        options.AliasArtists = 2;
        var with = DemoCatalogPlanner.Plan(options);

        // Every track of the catalog without alias artists is there, unchanged and in the same order.
        Assert.Equal(without.Tracks.Select(t => t.Track), with.Tracks.Take(without.Tracks.Count).Select(t => t.Track));
        var added = with.Tracks.Skip(without.Tracks.Count).Select(t => t.Track).ToList();
        Assert.Equal(2 * 6, added.Count);
        var oldNames = without.Tracks.Select(t => t.Track.ArtistName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var artist in added.GroupBy(t => t.TrueArtistId))
        {
            var names = artist.Select(t => t.ArtistName).Distinct().ToList();
            Assert.Equal(2, names.Count);
            Assert.All(names, name => Assert.DoesNotContain(name, oldNames));
            // Albums alternate between the names: each name holds whole albums.
            Assert.All(artist.GroupBy(t => t.AlbumId), album => Assert.Single(album.Select(t => t.ArtistName).Distinct()));
        }
        Assert.Equal(2, added.Select(t => t.TrueArtistId).Distinct().Count());
    }

    [Fact]
    public void Plan_WithAliasTracksAndAlbums_GivesEachAliasNameHalfTheTracksOverWholeAlbumsAndLeavesTheRestUnchanged()
    {
        var options = new DemoCatalogOptions { Seed = 7, Artists = 12, TracksPerArtist = 6, AlbumsPerArtist = 2, HomonymGroups = 2, AliasArtists = 2 };
        var defaults = DemoCatalogPlanner.Plan(options);
        options.AliasTracksPerArtist = 12;
        options.AliasAlbumsPerArtist = 4;
        var plan = DemoCatalogPlanner.Plan(options);

        var others = defaults.Tracks.Count - 2 * 6;
        Assert.Equal(defaults.Tracks.Take(others).Select(t => t.Track), plan.Tracks.Take(others).Select(t => t.Track));
        var added = plan.Tracks.Skip(others).Select(t => t.Track).ToList();
        Assert.Equal(2 * 12, added.Count);
        foreach (var artist in added.GroupBy(t => t.TrueArtistId))
        {
            Assert.Equal(4, artist.Select(t => t.AlbumId).Distinct().Count());
            // Each of the two names holds 6 tracks from 2 whole albums.
            Assert.All(artist.GroupBy(t => t.ArtistName), name =>
            {
                Assert.Equal(6, name.Count());
                Assert.Equal(2, name.Select(t => t.AlbumId).Distinct().Count());
            });
            Assert.Equal(2, artist.Select(t => t.ArtistName).Distinct().Count());
        }
    }

    [Theory]
    [InlineData(nameof(DemoCatalogOptions.AliasTracksPerArtist))]
    [InlineData(nameof(DemoCatalogOptions.AliasAlbumsPerArtist))]
    public void Plan_AliasArtistsOfOneTrackOrOneAlbum_IsRefusedNamingTheSetting(string option)
    {
        var options = new DemoCatalogOptions { AliasArtists = 1 };
        if (option == nameof(DemoCatalogOptions.AliasTracksPerArtist)) options.AliasTracksPerArtist = 1;
        else options.AliasAlbumsPerArtist = 1;

        var failure = Assert.Throws<ArgumentOutOfRangeException>(() => DemoCatalogPlanner.Plan(options));

        Assert.Equal(option, failure.ParamName);
    }

    [Fact]
    public void Plan_AliasArtistsWithOneAlbum_IsRefused()
    {
        var options = new DemoCatalogOptions { AliasArtists = 1, AlbumsPerArtist = 1 };

        var failure = Assert.Throws<ArgumentException>(() => DemoCatalogPlanner.Plan(options));

        Assert.Equal(nameof(DemoCatalogOptions.AliasArtists), failure.ParamName);
    }
}
