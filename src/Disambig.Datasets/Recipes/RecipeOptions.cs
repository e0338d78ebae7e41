using System.Globalization;

namespace Disambig.Datasets.Recipes;

/// <summary>
/// Settings of a dataset recipe; defaults are the paper's (section 4.3) where it gives one. Validated by
/// <see cref="Validate"/> before planning. Every setting that changes the output enters the plan digest.
/// </summary>
public sealed class RecipeOptions
{
    /// <summary>Which recipe.</summary>
    public DatasetRecipe Recipe { get; set; }

    /// <summary>
    /// Number of artists to draw among the eligible ones (over all splits). Default null: all eligible artists.
    /// Range 2 or more. Draws are nested: the artists of a smaller N are among those of a larger N with the same seed.
    /// </summary>
    public int? Artists { get; set; }

    /// <summary>Seed of every draw (artists, tracks, excerpt positions, splits). Default 1; any value.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>msd-small: tracks drawn per artist. Default 17; range 2 to 10 000.</summary>
    public int TracksPerArtist { get; set; } = 17;

    /// <summary>msd-small: of those, tracks for training; the rest are for early stopping. Default 15; range 1 to <see cref="TracksPerArtist"/> - 1.</summary>
    public int TrainTracksPerArtist { get; set; } = 15;

    /// <summary>msd-small: length of the excerpt taken at a random position of each track, in seconds. Default 30; range 3 to 600.</summary>
    public double ExcerptSeconds { get; set; } = 30;

    /// <summary>balanced: fewest albums of more than 3 tracks an artist needs. Default 4; range 1 to 1000.</summary>
    public int MinAlbums { get; set; } = 4;

    /// <summary>balanced: fewest tracks of an album that counts towards <see cref="MinAlbums"/>. Default 4 ("more than 3"); range 1 to 1000.</summary>
    public int MinTracksPerAlbum { get; set; } = 4;

    /// <summary>balanced: 9 s samples drawn per artist over all its tracks, before the split. Default 1000; range 1 to 1 000 000.</summary>
    public int SamplesPerArtist { get; set; } = 1000;

    /// <summary>
    /// unbalanced and side-information: fewest tracks an artist needs. Default 4; range 1 to 10 000. With 1, an
    /// artist of a single track still gives the triplet miner positives (different segments of that track) and is
    /// another artist's sound as a negative for the others (the real-music set's one-track composers, issue 15).
    /// </summary>
    public int MinTracksPerArtist { get; set; } = 4;

    /// <summary>unbalanced: linearly spaced 9 s samples per track. Default 10; range 1 to 100.</summary>
    public int SamplesPerTrack { get; set; } = 10;

    /// <summary>
    /// Share of the data for training: of each artist's tracks for balanced (split by album), of the artists for
    /// unbalanced and side-information. Default null: 1/3 for balanced (the paper), 0.8 otherwise (the paper gives none).
    /// Range (0, 1). Not used by msd-small, which counts tracks.
    /// </summary>
    public double? TrainFraction { get; set; }

    /// <summary>Share for early stopping, as <see cref="TrainFraction"/>. Default null: 1/6 for balanced, 0.1 otherwise. Range (0, 1 - train).</summary>
    public double? EarlyStoppingFraction { get; set; }

    /// <summary>Write the test split (what train and early stopping leave). Default true. msd-small has none.</summary>
    public bool WriteTestSplit { get; set; } = true;

    /// <summary>
    /// unbalanced: samples per artist of the two balanced versions. Default null: the smallest artist's count for
    /// (A) cut-down and the largest for (B) repeated. With a value T, (A) drops the artists with fewer than T samples
    /// and cuts the others to T (as the paper's (A), which kept 1002 of 1749 artists), (B) repeats or cuts every artist to T.
    /// Range 1 to 1 000 000.
    /// </summary>
    public int? BalanceCount { get; set; }

    /// <summary>Segments per shard of the written datasets. Default 256 (about 25 MB for 9 s segments); range 1 to 65 536.</summary>
    public int ShardCapacity { get; set; } = 256;

    /// <summary>Tracks decoded at once. Default 2; range 1 to 64.</summary>
    public int MaxParallelism { get; set; } = 2;

    /// <summary>
    /// balanced, unbalanced and side-information: seconds per sample, 9 (the paper) or 3 (to compare segment lengths on
    /// the same tracks). Default null: 9. msd-small's segments are always 3 s.
    /// </summary>
    public int? SampleSeconds { get; set; }

    /// <summary>Seconds per segment: 3 for msd-small, <see cref="SampleSeconds"/> (9 unless set) for the others.</summary>
    public double SegmentSeconds => Recipe == DatasetRecipe.MsdSmall ? 3 : SampleSeconds ?? 9;

    /// <summary>The training share in effect (see <see cref="TrainFraction"/>).</summary>
    public double EffectiveTrainFraction => TrainFraction ?? (Recipe == DatasetRecipe.Balanced ? 1.0 / 3 : 0.8);

    /// <summary>The early-stopping share in effect (see <see cref="EarlyStoppingFraction"/>).</summary>
    public double EffectiveEarlyStoppingFraction => EarlyStoppingFraction ?? (Recipe == DatasetRecipe.Balanced ? 1.0 / 6 : 0.1);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of its range.</summary>
    public RecipeOptions Validate()
    {
        if (!Enum.IsDefined(Recipe)) throw new ArgumentOutOfRangeException(nameof(Recipe), Recipe, "Unknown recipe.");
        if (Artists is { } artists) InRange(artists, 2, int.MaxValue, nameof(Artists));
        InRange(TracksPerArtist, 2, 10_000, nameof(TracksPerArtist));
        InRange(TrainTracksPerArtist, 1, TracksPerArtist - 1, nameof(TrainTracksPerArtist));
        InRange(ExcerptSeconds, 3, 600, nameof(ExcerptSeconds));
        InRange(MinAlbums, 1, 1000, nameof(MinAlbums));
        InRange(MinTracksPerAlbum, 1, 1000, nameof(MinTracksPerAlbum));
        InRange(SamplesPerArtist, 1, 1_000_000, nameof(SamplesPerArtist));
        InRange(MinTracksPerArtist, 1, 10_000, nameof(MinTracksPerArtist));
        InRange(SamplesPerTrack, 1, 100, nameof(SamplesPerTrack));
        InRange(EffectiveTrainFraction, double.Epsilon, 1 - 1e-9, nameof(TrainFraction));
        InRange(EffectiveEarlyStoppingFraction, double.Epsilon, 1 - EffectiveTrainFraction, nameof(EarlyStoppingFraction));
        if (BalanceCount is { } count) InRange(count, 1, 1_000_000, nameof(BalanceCount));
        if (SampleSeconds is { } seconds && (seconds is not (3 or 9) || (Recipe == DatasetRecipe.MsdSmall && seconds != 3)))
            throw new ArgumentOutOfRangeException(nameof(SampleSeconds), seconds, Recipe == DatasetRecipe.MsdSmall
                ? "msd-small cuts 3 s segments only."
                : "SampleSeconds must be 3 or 9.");
        InRange(ShardCapacity, 1, 65_536, nameof(ShardCapacity));
        InRange(MaxParallelism, 1, 64, nameof(MaxParallelism));
        return this;
    }

    /// <summary>The settings that shape the output, as text (recorded in manifests and in the plan digest).</summary>
    public IReadOnlyDictionary<string, string> Describe()
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["recipe"] = DatasetRecipes.NameOf(Recipe),
            ["artists"] = Artists?.ToString(CultureInfo.InvariantCulture) ?? "all",
            ["seed"] = Text(Seed),
            ["segmentSeconds"] = Text(SegmentSeconds),
            ["writeTestSplit"] = WriteTestSplit ? "true" : "false",
        };
        switch (Recipe)
        {
            case DatasetRecipe.MsdSmall:
                settings["tracksPerArtist"] = Text(TracksPerArtist);
                settings["trainTracksPerArtist"] = Text(TrainTracksPerArtist);
                settings["excerptSeconds"] = Text(ExcerptSeconds);
                break;
            case DatasetRecipe.Balanced:
                settings["minAlbums"] = Text(MinAlbums);
                settings["minTracksPerAlbum"] = Text(MinTracksPerAlbum);
                settings["samplesPerArtist"] = Text(SamplesPerArtist);
                AddFractions(settings);
                break;
            case DatasetRecipe.Unbalanced:
                settings["minTracksPerArtist"] = Text(MinTracksPerArtist);
                settings["samplesPerTrack"] = Text(SamplesPerTrack);
                settings["balanceCount"] = BalanceCount?.ToString(CultureInfo.InvariantCulture) ?? "extremes";
                AddFractions(settings);
                break;
            case DatasetRecipe.SideInformation:
                settings["minTracksPerArtist"] = Text(MinTracksPerArtist);
                AddFractions(settings);
                break;
        }
        return settings;
    }

    private void AddFractions(IDictionary<string, string> settings)
    {
        settings["trainFraction"] = Text(EffectiveTrainFraction);
        settings["earlyStoppingFraction"] = Text(EffectiveEarlyStoppingFraction);
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void InRange<T>(T value, T min, T max, string name) where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [{min}, {max}].");
    }
}
