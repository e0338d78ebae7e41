using Disambig.Catalog;
using Disambig.Datasets.Recipes;

namespace Disambig.Evaluation;

/// <summary>A track of an evaluation set with its artist's label (an index into the set's or group's artists).</summary>
public sealed record LabelledTrack(CatalogTrack Track, int Artist);

/// <summary>
/// Section 4.1.1: artists (unseen in training) with a fixed number of tracks each, split into the tracks that build
/// each artist's model and the test cases.
/// </summary>
/// <param name="Artists">Artist keys (true artist id, or credited name), indexed by label.</param>
public sealed record ClassificationSet(IReadOnlyList<string> Artists, IReadOnlyList<LabelledTrack> ModelTracks, IReadOnlyList<LabelledTrack> TestTracks)
{
    /// <summary>Every artist with at least <see cref="EvaluationOptions.TracksPerArtist"/> tracks (or a random subset of them), tracks drawn at random.</summary>
    public static ClassificationSet Build(IReadOnlyList<CatalogTrack> tracks, EvaluationOptions options)
    {
        options.Validate();
        var eligible = CatalogArtist.From(tracks).Where(a => a.Tracks.Count >= options.TracksPerArtist).ToList();
        if (options.MaxArtists is { } most && eligible.Count > most)
        {
            var drawn = StableDraw.Order(eligible, a => a.Key, options.Seed, "eval-artist").Take(most).ToHashSet();
            eligible = [.. eligible.Where(drawn.Contains)];
        }
        var model = new List<LabelledTrack>();
        var test = new List<LabelledTrack>();
        for (int label = 0; label < eligible.Count; label++)
        {
            var chosen = StableDraw.Order(eligible[label].Tracks, t => t.TrackId, options.Seed, "eval-track").Take(options.TracksPerArtist).ToList();
            model.AddRange(chosen.Take(options.ModelTracksPerArtist).Select(t => new LabelledTrack(t, label)));
            test.AddRange(chosen.Skip(options.ModelTracksPerArtist).Select(t => new LabelledTrack(t, label)));
        }
        return new ClassificationSet([.. eligible.Select(a => a.Key)], model, test);
    }
}

/// <summary>Section 4.1.2: the tracks of one name shared by 2 to 4 real artists, labelled by real artist.</summary>
/// <param name="Name">The credited name as first written.</param>
/// <param name="Artists">The true artist ids, indexed by label.</param>
public sealed record HomonymGroup(string Name, IReadOnlyList<string> Artists, IReadOnlyList<LabelledTrack> Tracks);

/// <summary>The homonym clustering set: every name of the catalog credited to 2 to 4 known true artists.</summary>
public sealed record HomonymSet(IReadOnlyList<HomonymGroup> Groups)
{
    /// <summary>Fewest and most true artists behind one name in a group (the paper's groups have 2 to 4).</summary>
    public const int MinArtists = 2, MaxArtists = 4;

    /// <summary>
    /// Groups names by <see cref="ArtistNameKey"/>; a name qualifies when all its tracks carry a true artist id and
    /// there are 2 to 4 of them. Tracks may be capped per artist (<see cref="EvaluationOptions.MaxTracksPerHomonymArtist"/>).
    /// With <see cref="EvaluationOptions.PooledHomonymArtists"/> the credited names are set aside and every combination of
    /// 2 to that many known artists becomes a name instead (<see cref="Pooled"/>).
    /// </summary>
    public static HomonymSet Build(IReadOnlyList<CatalogTrack> tracks, EvaluationOptions options)
    {
        options.Validate();
        if (options.PooledHomonymArtists is { } most) return Pooled(tracks, most, options);
        var groups = new List<HomonymGroup>();
        foreach (var name in TrackCatalog.FromTracks(tracks).Names)
        {
            if (name.Tracks.Any(t => t.TrueArtistId is null)) continue;
            var artists = CatalogArtist.From(name.Tracks);
            if (artists.Count is < MinArtists or > MaxArtists) continue;
            groups.Add(Group(name.DisplayName, artists, options));
        }
        return new HomonymSet(groups);
    }

    /// <summary>
    /// Names pooled from a small labelled catalog, as a test set pools its artists: every combination of 2 to
    /// <paramref name="most"/> artists with a true id (in order of first appearance) under one name, named by their
    /// ids joined by " + ". Each artist is in many names, so a few artists give many groups; the groups are not
    /// independent (they share artists), which the cross-validation does not correct for.
    /// </summary>
    public static HomonymSet Pooled(IReadOnlyList<CatalogTrack> tracks, int most, EvaluationOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(most, MinArtists);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(most, MaxArtists);
        var known = CatalogArtist.From(tracks.Where(t => t.TrueArtistId is not null));
        var groups = new List<HomonymGroup>();
        for (int size = MinArtists; size <= Math.Min(most, known.Count); size++)
        {
            foreach (var members in Combinations(known.Count, size))
            {
                var artists = members.Select(i => known[i]).ToList();
                groups.Add(Group(string.Join(" + ", artists.Select(a => a.Key)), artists, options));
            }
        }
        return new HomonymSet(groups);
    }

    private static HomonymGroup Group(string name, IReadOnlyList<CatalogArtist> artists, EvaluationOptions options)
    {
        var labelled = new List<LabelledTrack>();
        for (int label = 0; label < artists.Count; label++)
        {
            var own = options.MaxTracksPerHomonymArtist is { } most
                ? StableDraw.Order(artists[label].Tracks, t => t.TrackId, options.Seed, "homonym-track").Take(most).ToHashSet()
                : artists[label].Tracks.ToHashSet();
            labelled.AddRange(artists[label].Tracks.Where(own.Contains).Select(t => new LabelledTrack(t, label)));
        }
        return new HomonymGroup(name, [.. artists.Select(a => a.Key)], labelled);
    }

    /// <summary>The index sets of size <paramref name="size"/> out of <paramref name="count"/>, in lexicographic order.</summary>
    private static IEnumerable<int[]> Combinations(int count, int size)
    {
        var chosen = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            yield return [.. chosen];
            int i = size - 1;
            while (i >= 0 && chosen[i] == count - size + i) i--;
            if (i < 0) yield break;
            chosen[i]++;
            for (int j = i + 1; j < size; j++) chosen[j] = chosen[j - 1] + 1;
        }
    }
}

/// <summary>A name of exactly one real artist: an unseen artist's tracks under its own name.</summary>
/// <param name="Artist">The true artist id (also the name).</param>
public sealed record OneArtistName(string Artist, IReadOnlyList<LabelledTrack> Tracks);

/// <summary>
/// The one-artist name set: what most names of a real catalog are. A deployed threshold must leave them whole, so
/// the calibration limits the share it splits (<see cref="EvaluationOptions.MaxOneArtistSplitShare"/>).
/// </summary>
public sealed record OneArtistSet(IReadOnlyList<OneArtistName> Names)
{
    /// <summary>
    /// Every artist with a true id and at least 2 tracks, under its own name (at most
    /// <see cref="EvaluationOptions.MaxOneArtistNames"/>, drawn at random); tracks capped per artist like the homonym
    /// groups' (<see cref="EvaluationOptions.MaxTracksPerHomonymArtist"/>).
    /// </summary>
    public static OneArtistSet Build(IReadOnlyList<CatalogTrack> tracks, EvaluationOptions options)
    {
        options.Validate();
        var artists = CatalogArtist.From(tracks.Where(t => t.TrueArtistId is not null)).Where(a => a.Tracks.Count >= 2).ToList();
        if (options.MaxOneArtistNames is { } most && artists.Count > most)
        {
            var drawn = StableDraw.Order(artists, a => a.Key, options.Seed, "one-artist-name").Take(most).ToHashSet();
            artists = [.. artists.Where(drawn.Contains)];
        }
        return new OneArtistSet([.. artists.Select(a =>
        {
            var own = options.MaxTracksPerHomonymArtist is { } cap
                ? StableDraw.Order(a.Tracks, t => t.TrackId, options.Seed, "one-artist-track").Take(cap).ToHashSet()
                : a.Tracks.ToHashSet();
            return new OneArtistName(a.Key, [.. a.Tracks.Where(own.Contains).Select(t => new LabelledTrack(t, 0))]);
        })]);
    }
}
