namespace Disambig.Embedding.Data;

/// <summary>A dataset cut into a training part and a validation part for early stopping.</summary>
public sealed record DatasetSplit(ISegmentDataset Training, ISegmentDataset Validation)
{
    /// <summary>
    /// Holds out a share of the artists (all their segments) for validation, so the validation metric measures
    /// how well the embedding separates artists it never saw, which is the disambiguation setting.
    /// </summary>
    /// <param name="fraction">Share of artists held out, in (0, 1); at least 2 artists end up on each side.</param>
    /// <param name="seed">Chooses the artists; the same seed gives the same split.</param>
    public static DatasetSplit HoldOutArtists(ISegmentDataset dataset, double fraction, int seed)
    {
        var labels = dataset.Labels;
        if (fraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The held-out share must be in (0, 1).");
        int heldOut = Math.Max(2, (int)Math.Round(labels.ArtistCount * fraction));
        if (labels.ArtistCount - heldOut < 2)
        {
            throw new ArgumentException($"{labels.ArtistCount} artists are too few to hold out {heldOut} and train on at least 2.", nameof(dataset));
        }
        var artists = Enumerable.Range(0, labels.ArtistCount).ToArray();
        new Random(seed).Shuffle(artists);
        var validationArtists = artists.Take(heldOut).ToHashSet();
        var training = new List<int>();
        var validation = new List<int>();
        for (int s = 0; s < labels.SegmentCount; s++)
        {
            (validationArtists.Contains(labels.ArtistOf(s)) ? validation : training).Add(s);
        }
        return new DatasetSplit(new SegmentSubset(dataset, training), new SegmentSubset(dataset, validation));
    }
}
