using Disambig.Catalog;

namespace Disambig.Datasets.Recipes;

/// <summary>
/// The recipes' rules (section 4.3 of the paper) as pure functions from catalog tracks to a <see cref="DatasetPlan"/>:
/// which artists, which tracks, which segments of each, and which split. No audio is read here; the same tracks and
/// options always give an equal plan.
/// </summary>
public static class RecipePlanner
{
    private const string ArtistDraw = "artist";

    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="RecipePlanException">The catalog has too few eligible artists for the recipe or the options.</exception>
    public static DatasetPlan Plan(IReadOnlyList<CatalogTrack> tracks, RecipeOptions options)
    {
        options.Validate();
        var artists = CatalogArtist.From(tracks);
        var splits = options.Recipe switch
        {
            DatasetRecipe.MsdSmall => MsdSmall(artists, options),
            DatasetRecipe.Balanced => Balanced(artists, options),
            DatasetRecipe.Unbalanced => SplitByArtist(artists, options, _ => new LinearSamples(options.SamplesPerTrack, options.SegmentSeconds)),
            DatasetRecipe.SideInformation => SplitByArtist(artists, options,
                track => new RandomExcerpt(StableDraw.Unit(options.Seed, "position", track.TrackId), options.SegmentSeconds, options.SegmentSeconds)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Recipe, "Unknown recipe."),
        };
        return new DatasetPlan(options.Recipe, options.Describe(), [.. splits.Where(split => split.Tracks.Count > 0)]);
    }

    /// <summary>N artists with enough tracks, 17 random tracks each: 15 for training, 2 for early stopping.</summary>
    private static IEnumerable<SplitPlan> MsdSmall(IReadOnlyList<CatalogArtist> artists, RecipeOptions options)
    {
        var chosen = Choose(artists, a => a.Tracks.Count >= options.TracksPerArtist, $"at least {options.TracksPerArtist} tracks", options);
        var train = new List<PlannedTrack>();
        var earlyStopping = new List<PlannedTrack>();
        foreach (var artist in chosen)
        {
            var drawn = StableDraw.Order(artist.Tracks, t => t.TrackId, options.Seed, "track").Take(options.TracksPerArtist).ToList();
            var forTraining = drawn.Take(options.TrainTracksPerArtist).ToHashSet();
            foreach (var track in artist.Tracks.Where(drawn.Contains))
            {
                var sampling = new RandomExcerpt(StableDraw.Unit(options.Seed, "position", track.TrackId), options.ExcerptSeconds, options.SegmentSeconds);
                (forTraining.Contains(track) ? train : earlyStopping).Add(new PlannedTrack(track, artist.Key, sampling));
            }
        }
        return [Split(SplitNames.Train, train, chosen, options), Split(SplitNames.EarlyStopping, earlyStopping, chosen, options)];
    }

    /// <summary>
    /// Artists with enough albums; each artist's albums dealt into train / early stopping / test so that no album
    /// spans two splits, then a fixed share of the artist's samples spread linearly over the tracks of each split.
    /// </summary>
    private static IEnumerable<SplitPlan> Balanced(IReadOnlyList<CatalogArtist> artists, RecipeOptions options)
    {
        var chosen = Choose(artists,
            a => a.Albums.Count(album => album.Count() >= options.MinTracksPerAlbum) >= options.MinAlbums,
            $"at least {options.MinAlbums} albums of {options.MinTracksPerAlbum} or more tracks", options);
        var fractions = Fractions(options);
        var splits = fractions.Select(_ => new List<PlannedTrack>()).ToArray();
        foreach (var artist in chosen)
        {
            var albumsBySplit = AlbumSplit.Deal(artist.Albums, fractions, options.Seed);
            for (int s = 0; s < fractions.Length; s++)
            {
                var splitTracks = artist.Tracks.Where(t => albumsBySplit[s].Contains(t.AlbumId)).ToList();
                var samples = (int)Math.Round(options.SamplesPerArtist * fractions[s]);
                foreach (var (track, count) in SpreadSamples(splitTracks, samples, options.Seed))
                {
                    splits[s].Add(new PlannedTrack(track, artist.Key, new LinearSamples(count, options.SegmentSeconds)));
                }
            }
        }
        return SplitsOf(splits, chosen, options);
    }

    /// <summary>Artists with enough tracks, each artist wholly in one split; every track sampled by <paramref name="sampling"/>.</summary>
    private static IEnumerable<SplitPlan> SplitByArtist(IReadOnlyList<CatalogArtist> artists, RecipeOptions options, Func<CatalogTrack, TrackSampling> sampling)
    {
        var chosen = Choose(artists, a => a.Tracks.Count >= options.MinTracksPerArtist, $"at least {options.MinTracksPerArtist} tracks", options);
        var fractions = Fractions(options);
        var shuffled = StableDraw.Order(chosen, a => a.Key, options.Seed, "artist-split");
        int earlyStopping = Math.Max(2, (int)Math.Round(chosen.Count * fractions[1]));
        int train = Math.Min(Math.Max(2, (int)Math.Round(chosen.Count * fractions[0])), chosen.Count - earlyStopping);
        if (train < 2)
            throw new RecipePlanException(DatasetRecipes.NameOf(options.Recipe), $"{chosen.Count} artists are too few for 2 training and 2 early-stopping artists");
        var splitOf = shuffled.Select((artist, rank) => (artist.Key, Split: rank < train ? 0 : rank < train + earlyStopping ? 1 : 2))
            .ToDictionary(pair => pair.Key, pair => pair.Split, StringComparer.Ordinal);
        var splits = fractions.Select(_ => new List<PlannedTrack>()).ToArray();
        foreach (var artist in chosen)
        {
            foreach (var track in artist.Tracks)
            {
                splits[splitOf[artist.Key]].Add(new PlannedTrack(track, artist.Key, sampling(track)));
            }
        }
        return SplitsOf(splits, chosen, options);
    }

    /// <summary>Train, early-stopping and test shares; the test share is what the other two leave.</summary>
    private static double[] Fractions(RecipeOptions options)
    {
        var train = options.EffectiveTrainFraction;
        var earlyStopping = options.EffectiveEarlyStoppingFraction;
        return [train, earlyStopping, Math.Max(0, 1 - train - earlyStopping)];
    }

    private static IEnumerable<SplitPlan> SplitsOf(List<PlannedTrack>[] splits, IReadOnlyList<CatalogArtist> chosen, RecipeOptions options)
    {
        yield return Split(SplitNames.Train, splits[0], chosen, options);
        yield return Split(SplitNames.EarlyStopping, splits[1], chosen, options);
        if (options.WriteTestSplit) yield return Split(SplitNames.Test, splits[2], chosen, options);
    }

    private static SplitPlan Split(string name, List<PlannedTrack> tracks, IReadOnlyList<CatalogArtist> chosen, RecipeOptions options)
    {
        var present = tracks.Select(t => t.Artist).ToHashSet(StringComparer.Ordinal);
        var tags = chosen.Where(a => present.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Tags, StringComparer.Ordinal);
        return new SplitPlan(name, options.SegmentSeconds, tracks, tags);
    }

    /// <summary>
    /// <paramref name="samples"/> spread over <paramref name="tracks"/> as evenly as whole numbers allow (the
    /// remainder to tracks drawn at random), at most 100 per track; tracks left with none are omitted.
    /// </summary>
    internal static IEnumerable<(CatalogTrack Track, int Samples)> SpreadSamples(IReadOnlyList<CatalogTrack> tracks, int samples, int seed)
    {
        if (tracks.Count == 0) yield break;
        var extra = StableDraw.Order(tracks, t => t.TrackId, seed, "extra-sample").Take(samples % tracks.Count).ToHashSet();
        foreach (var track in tracks)
        {
            var count = Math.Min(MaxSamplesPerTrack, samples / tracks.Count + (extra.Contains(track) ? 1 : 0));
            if (count > 0) yield return (track, count);
        }
    }

    /// <summary>Most linearly spaced samples cut from one track (the audio front end's limit).</summary>
    public const int MaxSamplesPerTrack = 100;

    /// <summary>The eligible artists, or the first N of them in a seeded order; returned in catalog order.</summary>
    private static IReadOnlyList<CatalogArtist> Choose(IReadOnlyList<CatalogArtist> artists, Func<CatalogArtist, bool> eligible, string rule, RecipeOptions options)
    {
        var candidates = artists.Where(eligible).ToList();
        var recipe = DatasetRecipes.NameOf(options.Recipe);
        if (candidates.Count < 2)
            throw new RecipePlanException(recipe, $"{candidates.Count} of the catalog's {artists.Count} artists have {rule}; at least 2 are needed");
        if (options.Artists is not { } wanted) return candidates;
        if (wanted > candidates.Count)
            throw new RecipePlanException(recipe, $"{wanted} artists asked but only {candidates.Count} of the catalog's {artists.Count} have {rule}");
        var drawn = StableDraw.Order(candidates, a => a.Key, options.Seed, ArtistDraw).Take(wanted).ToHashSet();
        return [.. candidates.Where(drawn.Contains)];
    }
}
