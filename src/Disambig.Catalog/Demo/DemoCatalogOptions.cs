namespace Disambig.Catalog.Demo;

/// <summary>Settings of the synthetic demo catalog. Validated by <see cref="Validate"/> before anything is drawn.</summary>
public sealed class DemoCatalogOptions
{
    /// <summary>Number of true (synthetic) artists. Default 20; range 1 to 10 000.</summary>
    public int Artists { get; set; } = 20;

    /// <summary>Tracks per artist when <see cref="ZipfTrackCounts"/> is off. Default 10; range 1 to 10 000.</summary>
    public int TracksPerArtist { get; set; } = 10;

    /// <summary>
    /// When on, artist k of a random ranking gets about <see cref="MaxTracksPerArtist"/> / k^<see cref="ZipfExponent"/>
    /// tracks, clamped to [<see cref="MinTracksPerArtist"/>, <see cref="MaxTracksPerArtist"/>]: a long tail as in real catalogs. Default off.
    /// </summary>
    public bool ZipfTrackCounts { get; set; }

    /// <summary>Fewest tracks of an artist under Zipf counts. Default 4; range 1 to <see cref="MaxTracksPerArtist"/>.</summary>
    public int MinTracksPerArtist { get; set; } = 4;

    /// <summary>Most tracks of an artist under Zipf counts (the head of the ranking). Default 40; range 1 to 10 000.</summary>
    public int MaxTracksPerArtist { get; set; } = 40;

    /// <summary>Exponent of the Zipf law. Default 1; range 0.1 to 4.</summary>
    public double ZipfExponent { get; set; } = 1.0;

    /// <summary>Albums per artist (fewer when the artist has fewer tracks). Default 3; range 1 to 100.</summary>
    public int AlbumsPerArtist { get; set; } = 3;

    /// <summary>Shortest track, in seconds. Default 20; range 3 to 1200.</summary>
    public double MinTrackSeconds { get; set; } = 20;

    /// <summary>Longest track, in seconds. Default 40; range <see cref="MinTrackSeconds"/> to 1200.</summary>
    public double MaxTrackSeconds { get; set; } = 40;

    /// <summary>Number of homonym groups: 2 to 4 true artists credited under one shared name each. Default 2; range 0 to <see cref="Artists"/> / 2.</summary>
    public int HomonymGroups { get; set; } = 2;

    /// <summary>
    /// Alias artists (issue 17): extra artists, each credited under two names of its own, its albums alternating between
    /// them (so it needs <see cref="AlbumsPerArtist"/> of 2 or more), with one true artist id across both. They are drawn
    /// from a random stream of their own after everything else, so adding them leaves every other artist, track and name
    /// of the catalog exactly as without them. Default 0; range 0 to 1000.
    /// </summary>
    public int AliasArtists { get; set; }

    /// <summary>
    /// Tracks of each alias artist over both its names; 0 (default) gives it as many as any other artist
    /// (<see cref="TracksPerArtist"/>, or <see cref="MinTracksPerArtist"/> under Zipf counts). Range 0 or 2 to 10 000.
    /// </summary>
    public int AliasTracksPerArtist { get; set; }

    /// <summary>
    /// Albums of each alias artist, alternating between its two names; 0 (default) gives it <see cref="AlbumsPerArtist"/>.
    /// More albums a name average out the production of any one album in that name's centroid. Range 0 or 2 to 100.
    /// </summary>
    public int AliasAlbumsPerArtist { get; set; }

    /// <summary>Artists per genre group: similar artists (close parameter priors) that share genre tags. Default 4; range 1 to 1000.</summary>
    public int ArtistsPerGenre { get; set; } = 4;

    /// <summary>Sample rate of the synthesised audio, in Hz. Default 22 050 (the pipeline's rate); range 8 000 to 48 000.</summary>
    public int SampleRate { get; set; } = 22_050;

    /// <summary>Seed of every random draw: the same seed and options give the same catalog. Default 1.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>Formats used, album by album in turn. Default: all of <see cref="DemoAudioFormat"/>; must not be empty.</summary>
    public IReadOnlyList<DemoAudioFormat> Formats { get; set; } = DemoAudioFormats.All;

    /// <summary>Albums synthesised and encoded at once (each: one synthesis thread feeding one ffmpeg process). Default: the processor count; range 1 to 256.</summary>
    public int MaxParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>The ffmpeg executable. Default <c>ffmpeg</c> (looked up on PATH; Debian installs /usr/bin/ffmpeg).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public DemoCatalogOptions Validate()
    {
        InRange(Artists, 1, 10_000, nameof(Artists));
        InRange(TracksPerArtist, 1, 10_000, nameof(TracksPerArtist));
        InRange(MaxTracksPerArtist, 1, 10_000, nameof(MaxTracksPerArtist));
        InRange(MinTracksPerArtist, 1, MaxTracksPerArtist, nameof(MinTracksPerArtist));
        InRange(ZipfExponent, 0.1, 4, nameof(ZipfExponent));
        InRange(AlbumsPerArtist, 1, 100, nameof(AlbumsPerArtist));
        InRange(MinTrackSeconds, 3, 1200, nameof(MinTrackSeconds));
        InRange(MaxTrackSeconds, MinTrackSeconds, 1200, nameof(MaxTrackSeconds));
        InRange(HomonymGroups, 0, Artists / 2, nameof(HomonymGroups));
        InRange(ArtistsPerGenre, 1, 1000, nameof(ArtistsPerGenre));
        InRange(AliasArtists, 0, 1000, nameof(AliasArtists));
        if (AliasTracksPerArtist != 0) InRange(AliasTracksPerArtist, 2, 10_000, nameof(AliasTracksPerArtist));
        if (AliasAlbumsPerArtist != 0) InRange(AliasAlbumsPerArtist, 2, 100, nameof(AliasAlbumsPerArtist));
        if (AliasArtists > 0 && (AliasAlbums < 2 || AliasTracks < 2))
        {
            throw new ArgumentException("Alias artists need at least two albums and two tracks each (AlbumsPerArtist and tracks per artist >= 2).", nameof(AliasArtists));
        }
        InRange(SampleRate, 8_000, 48_000, nameof(SampleRate));
        InRange(MaxParallelism, 1, 256, nameof(MaxParallelism));
        if (Formats.Count == 0 || Formats.Any(format => !Enum.IsDefined(format)))
        {
            throw new ArgumentException("Formats must list at least one known format.", nameof(Formats));
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(FfmpegPath, nameof(FfmpegPath));
        return this;
    }

    /// <summary>Tracks of each alias artist (<see cref="AliasTracksPerArtist"/>, or the other artists' count).</summary>
    internal int AliasTracks => AliasTracksPerArtist > 0 ? AliasTracksPerArtist : ZipfTrackCounts ? MinTracksPerArtist : TracksPerArtist;

    /// <summary>Albums of each alias artist (<see cref="AliasAlbumsPerArtist"/>, or <see cref="AlbumsPerArtist"/>).</summary>
    internal int AliasAlbums => AliasAlbumsPerArtist > 0 ? AliasAlbumsPerArtist : AlbumsPerArtist;

    private static void InRange<T>(T value, T min, T max, string name) where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [{min}, {max}].");
        }
    }
}
