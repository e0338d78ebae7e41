using System.Globalization;
using Disambig.Catalog;
using Disambig.Grains;
using Disambig.Silo.Bench;

namespace Disambig.TestSupport.Processes;

/// <summary>
/// Synthetic catalogs for silos running with stub audio (<see cref="BenchOptions.StubAudio"/>): every track's audio
/// path is a <see cref="StubAudioPaths"/> path naming its true artist, so the stub vectors split homonyms by artist.
/// Deterministic for a seed.
/// </summary>
public static class StubCatalog
{
    /// <summary>Tracks per release folder.</summary>
    private const int ReleaseTracks = 12;

    /// <summary>
    /// A model registration for the stubs: their vectors have <see cref="StubSegmentEmbedder.Dimension"/> values, and
    /// a Ward threshold of 1 separates two artists (unit centres about 1.4 apart) while keeping an artist's tracks
    /// (a few hundredths apart) together.
    /// </summary>
    public static ModelVersionInfo Model { get; } = new("bench-stub", 1.0, StubSegmentEmbedder.Dimension, DateTimeOffset.UnixEpoch, "stub", 3);

    /// <summary>
    /// <paramref name="names"/> names with a long-tailed number of tracks each (1 to 20, most of them few), one name in
    /// five of four tracks or more shared by two true artists; with <paramref name="bigName"/> &gt; 0, the first name has
    /// that many tracks (of three artists) instead. Streamed: memory stays that of one name.
    /// </summary>
    public static IEnumerable<CatalogTrack> Generate(int names, int bigName = 0, int seed = 11)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(names, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(bigName);
        var random = new Random(seed);
        for (var name = 0; name < names; name++)
        {
            // Cube of a uniform draw: half the names have at most 3 tracks, one in ten 15 or more.
            var tracks = name == 0 && bigName > 0 ? bigName : 1 + (int)(Math.Pow(random.NextDouble(), 3) * 20);
            var artists = name == 0 && bigName > 0 ? 3 : tracks >= 4 && random.Next(5) == 0 ? 2 : 1;
            var display = string.Create(CultureInfo.InvariantCulture, $"Scale Name {name:D7}");
            var perArtist = (tracks + artists - 1) / artists;
            var track = 0;
            for (var artist = 0; artist < artists && track < tracks; artist++)
            {
                var artistId = string.Create(CultureInfo.InvariantCulture, $"a{name}x{artist}");
                var count = Math.Min(perArtist, tracks - track);
                for (var release = 0; release * ReleaseTracks < count; release++)
                {
                    var inRelease = Math.Min(ReleaseTracks, count - release * ReleaseTracks);
                    for (var k = 0; k < inRelease; k++, track++)
                    {
                        yield return new CatalogTrack(
                            string.Create(CultureInfo.InvariantCulture, $"t{name:D7}-{track}"), $"Track {track}", display, artistId,
                            $"{artistId}-r{release}", null, new DateOnly(2020, 1, 1), ["rock"],
                            StubAudioPaths.Of(artistId, release, inRelease, k));
                    }
                }
            }
        }
    }
}
