namespace Disambig.Catalog.Demo;

/// <summary>
/// Draws a demo catalog from <see cref="DemoCatalogOptions"/>: genre groups, artists with their identities,
/// homonym groups, track counts, albums with their production, and one <see cref="DemoTrack"/> per track.
/// Pure and deterministic: the same options (seed included) give an equal plan.
/// </summary>
public static class DemoCatalogPlanner
{
    /// <summary>Folder of the audio files, relative to the catalog root.</summary>
    public const string AudioFolder = "audio";

    private const int HarmonicCount = 16;
    private const int LatestReleaseYear = 2024;

    public static DemoCatalogPlan Plan(DemoCatalogOptions options)
    {
        options.Validate();
        var random = new DeterministicRandom(options.Seed);
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var creditedNames = CreditedNames(options, random, usedNames);
        var genreCount = (options.Artists + options.ArtistsPerGenre - 1) / options.ArtistsPerGenre;
        var priors = Enumerable.Range(0, genreCount).Select(group => GenrePrior.Draw(group, random)).ToArray();
        var idWidth = Math.Max(4, options.Artists.ToString().Length);
        var artists = Enumerable.Range(0, options.Artists)
            .Select(i => DrawArtist($"artist-{(i + 1).ToString($"D{idWidth}")}", creditedNames[i], priors[i / options.ArtistsPerGenre], random))
            .ToArray();
        var trackCounts = TrackCounts(options, random);

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var tracks = new List<DemoTrack>();
        var albumIndex = 0;
        for (var a = 0; a < artists.Length; a++)
        {
            DrawAlbums(artists[a], null, trackCounts[a], options.AlbumsPerArtist, options, random, ids, tracks, ref albumIndex);
        }
        var aliasArtists = AliasArtists(options, priors, ids, usedNames, tracks, ref albumIndex);
        return new DemoCatalogPlan([.. artists, .. aliasArtists], tracks, options.SampleRate);
    }

    /// <summary>
    /// The albums and tracks of one artist; with <paramref name="alias"/>, odd albums (the 2nd, 4th, ...) are credited
    /// under that second name.
    /// </summary>
    private static void DrawAlbums(ArtistProfile artist, ArtistProfile? alias, int count, int albums, DemoCatalogOptions options, DeterministicRandom random,
        HashSet<string> ids, List<DemoTrack> tracks, ref int albumIndex)
    {
        var albumCount = Math.Min(albums, count);
        var year = random.Between(1958, 2012);
        for (var album = 0; album < albumCount; album++)
        {
            year = Math.Min(LatestReleaseYear, year + (album == 0 ? 0 : random.Between(1, 4)));
            var production = DrawAlbum(UniqueId("alb-", 10, random, ids), year, options.Formats[albumIndex++ % options.Formats.Count], options.SampleRate, random);
            var credited = alias is not null && album % 2 == 1 ? alias : artist;
            var first = album * count / albumCount;
            var end = (album + 1) * count / albumCount;
            for (var number = 1; number <= end - first; number++)
            {
                tracks.Add(DrawTrack(credited, production, number, UniqueId("trk-", 12, random, ids), options, random));
            }
        }
    }

    /// <summary>
    /// The alias artists, from a random stream of their own (seeded from the catalog's seed) so the rest of the catalog
    /// is unchanged by them: each takes the genre prior of an existing group in turn, two unused names, and
    /// <see cref="DemoCatalogOptions.AliasTracksPerArtist"/> tracks over <see cref="DemoCatalogOptions.AliasAlbumsPerArtist"/>
    /// albums (by default as many as any other artist). Both credits carry the artist's one true id.
    /// </summary>
    private static ArtistProfile[] AliasArtists(DemoCatalogOptions options, GenrePrior[] priors, HashSet<string> ids, HashSet<string> usedNames,
        List<DemoTrack> tracks, ref int albumIndex)
    {
        var random = new DeterministicRandom(options.Seed ^ 0xA11A5A11A5A11A5UL);
        var profiles = new List<ArtistProfile>();
        for (var i = 0; i < options.AliasArtists; i++)
        {
            var artist = DrawArtist($"artist-alias-{i + 1:D3}", UniqueName(random, usedNames), priors[i % priors.Length], random);
            var alias = artist with { CreditedName = UniqueName(random, usedNames) };
            DrawAlbums(artist, alias, options.AliasTracks, options.AliasAlbums, options, random, ids, tracks, ref albumIndex);
            profiles.Add(artist);
            profiles.Add(alias);
        }
        return [.. profiles];
    }

    /// <summary>One credited name per artist; the members of each homonym group (2 to 4 artists drawn at random) share one.</summary>
    private static string[] CreditedNames(DemoCatalogOptions options, DeterministicRandom random, HashSet<string> usedNames)
    {
        var names = new string[options.Artists];
        var order = Enumerable.Range(0, options.Artists).ToArray();
        random.Shuffle(order);
        var next = 0;
        for (var group = 0; group < options.HomonymGroups; group++)
        {
            // Leave at least two artists for every group still to form.
            var spare = options.Artists - next - 2 * (options.HomonymGroups - group - 1);
            var size = random.Between(2, Math.Min(4, spare));
            var name = UniqueName(random, usedNames);
            for (var k = 0; k < size; k++)
            {
                names[order[next++]] = name;
            }
        }
        for (var i = 0; i < names.Length; i++)
        {
            names[i] ??= UniqueName(random, usedNames);
        }
        return names;
    }

    private static int[] TrackCounts(DemoCatalogOptions options, DeterministicRandom random)
    {
        if (!options.ZipfTrackCounts)
        {
            return Enumerable.Repeat(options.TracksPerArtist, options.Artists).ToArray();
        }
        var ranks = Enumerable.Range(1, options.Artists).ToArray();
        random.Shuffle(ranks);
        return ranks
            .Select(rank => (int)Math.Clamp(Math.Round(options.MaxTracksPerArtist / Math.Pow(rank, options.ZipfExponent)), options.MinTracksPerArtist, options.MaxTracksPerArtist))
            .ToArray();
    }

    private static ArtistProfile DrawArtist(string artistId, string creditedName, GenrePrior prior, DeterministicRandom random)
    {
        // Timbre: a power-law roll-off with odd/even balance and one formant bump, each harmonic jittered.
        var rolloff = Math.Max(0.3, prior.HarmonicRolloff + 0.25 * random.Gaussian());
        var evenGain = Math.Clamp(prior.EvenHarmonicGain + 0.15 * random.Gaussian(), 0.05, 1.2);
        var formantCentre = random.Uniform(2, 10);
        var formantGain = random.Uniform(0, 3);
        var harmonics = new double[HarmonicCount];
        for (var h = 1; h <= HarmonicCount; h++)
        {
            var bump = 1 + formantGain * Math.Exp(-Math.Pow(h - formantCentre, 2) / 4.0);
            harmonics[h - 1] = Math.Pow(h, -rolloff) * (h % 2 == 0 ? evenGain : 1) * bump * Math.Exp(0.25 * random.Gaussian());
        }
        var loudest = harmonics.Max();
        for (var h = 0; h < HarmonicCount; h++)
        {
            harmonics[h] /= loudest;
        }

        var envelope = new AdsrEnvelope(
            AttackSeconds: Math.Clamp(prior.AttackSeconds * Math.Exp(0.5 * random.Gaussian()), 0.002, 0.3),
            DecaySeconds: random.Uniform(0.05, 0.5),
            SustainLevel: random.Uniform(0.2, 0.9),
            ReleaseSeconds: random.Uniform(0.03, 0.5));

        var span = random.Between(10, 19);
        var lowest = Math.Clamp((int)Math.Round(prior.RegisterCentreMidi + 3 * random.Gaussian()) - span / 2, 40, 88 - span);

        var tempoCentre = prior.TempoCentreBpm + 8 * random.Gaussian();
        var minBpm = Math.Clamp(tempoCentre - random.Uniform(4, 12), 50, 190);
        var maxBpm = Math.Clamp(tempoCentre + random.Uniform(4, 12), minBpm + 2, 200);

        var onsets = Math.Clamp((int)Math.Round(prior.OnsetsPerBar + 1.5 * random.Gaussian()), 2, 12);
        var scale = random.Chance(0.7) ? prior.Scale : random.Pick(GenrePrior.Scales);
        var firstTonic = random.Between(0, 11);

        return new ArtistProfile(
            artistId,
            creditedName,
            prior.Tags,
            harmonics,
            envelope,
            LowestMidiNote: lowest,
            HighestMidiNote: lowest + span,
            MinBpm: minBpm,
            MaxBpm: maxBpm,
            RhythmPattern: RhythmPattern(onsets, random),
            Scale: scale,
            TonicPitchClasses: [firstTonic, (firstTonic + random.Pick(new[] { 2, 5, 7, 9 })) % 12],
            Legato: random.Uniform(0.4, 1.0),
            BassLevel: random.Uniform(0.2, 0.7),
            PercussionLevel: Math.Clamp(prior.PercussionLevel + 0.1 * random.Gaussian(), 0, 0.6),
            PercussionCutoffHz: random.Uniform(1500, 6000));
    }

    /// <summary>Sixteen steps with <paramref name="onsets"/> notes: the downbeat, then on-beat and eighth steps before off-beat ones.</summary>
    private static bool[] RhythmPattern(int onsets, DeterministicRandom random)
    {
        var pattern = new bool[16];
        pattern[0] = true;
        var candidates = Enumerable.Range(1, 15).OrderBy(step => (step % 2 == 0 ? 0.0 : 0.6) + random.NextDouble()).ToArray();
        foreach (var step in candidates.Take(onsets - 1))
        {
            pattern[step] = true;
        }
        return pattern;
    }

    private static AlbumProduction DrawAlbum(string albumId, int year, DemoAudioFormat format, int sampleRate, DeterministicRandom random) => new(
        albumId,
        DemoNames.AlbumTitle(random),
        new DateOnly(year, random.Between(1, 12), random.Between(1, 28)),
        format,
        TiltDb: random.Uniform(-4, 4),
        LowPassHz: Math.Min(random.Uniform(4500, 10500), 0.45 * sampleRate),
        ReverbMix: random.Uniform(0.05, 0.35),
        ReverbFeedback: random.Uniform(0.6, 0.84),
        PeakDbfs: random.Uniform(-8, -1),
        NoiseFloorDbfs: random.Uniform(-72, -48));

    private static DemoTrack DrawTrack(ArtistProfile artist, AlbumProduction album, int number, string trackId, DemoCatalogOptions options, DeterministicRandom random)
    {
        var title = DemoNames.TrackTitle(random);
        var tonicClass = random.Pick(artist.TonicPitchClasses);
        // The tonic is the lowest note of that pitch class inside the register, so melodies stay in the artist's range.
        var tonic = artist.LowestMidiNote + (tonicClass - artist.LowestMidiNote % 12 + 12) % 12;
        var track = new CatalogTrack(
            trackId,
            title,
            artist.CreditedName,
            artist.ArtistId,
            album.AlbumId,
            album.Title,
            album.ReleaseDate,
            artist.Genres,
            $"{AudioFolder}/{album.AlbumId}/{number:D2}-{DemoNames.Slug(title)}.{album.Format.Extension()}");
        return new DemoTrack(
            track,
            artist,
            album,
            DurationSeconds: Math.Round(random.Uniform(options.MinTrackSeconds, options.MaxTrackSeconds), 2),
            Bpm: Math.Round(random.Uniform(artist.MinBpm, artist.MaxBpm), 1),
            TonicMidiNote: tonic,
            SynthesisSeed: random.NextUInt64());
    }

    private static string UniqueName(DeterministicRandom random, HashSet<string> used)
    {
        while (true)
        {
            var name = DemoNames.ArtistName(random);
            if (used.Add(name))
            {
                return name;
            }
        }
    }

    private static string UniqueId(string prefix, int hexDigits, DeterministicRandom random, HashSet<string> used)
    {
        while (true)
        {
            var id = prefix + random.Hex(hexDigits);
            if (used.Add(id))
            {
                return id;
            }
        }
    }
}
