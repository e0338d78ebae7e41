using Disambig.Clustering;
using Disambig.Clustering.Calibration;

namespace Disambig.Vectors.Calibration;

/// <summary>A track vector with its true artist (an artist id or any key that tells artists apart).</summary>
public sealed record ArtistVector(string Artist, float[] Vector);

/// <summary>
/// The one calibration workflow, shared by <c>disambig eval</c> and the trainer silo: labelled homonym names and
/// one-artist names are built from track vectors of artists the model was not trained on, and the Ward threshold is
/// chosen by the shared rule (<see cref="ThresholdCalibrator"/>: best mean homonym AMI among thresholds that split at
/// most a given share of the one-artist names).
/// </summary>
public static class HeldOutCalibration
{
    /// <summary>
    /// Pools the artists of <paramref name="tracks"/> into homonym names of <paramref name="artistsPerName"/> artists
    /// each (the last name takes the one left over), in an order drawn from <paramref name="seed"/>: names whose truth
    /// is known, as the paper builds its groups.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ArtistVector>> PoolIntoNames(IReadOnlyList<ArtistVector> tracks, int artistsPerName, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(artistsPerName, 2);
        var artists = tracks.Select(t => t.Artist).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(artists);
        var names = artists.Chunk(artistsPerName).ToList();
        if (names.Count > 1 && names[^1].Length < 2) names[^2] = [.. names[^2], .. names[^1]];
        if (names.Count > 0 && names[^1].Length < 2) names.RemoveAt(names.Count - 1);
        return names.Select(name => (IReadOnlyList<ArtistVector>)tracks.Where(t => name.Contains(t.Artist)).ToList()).ToList();
    }

    /// <summary>Each artist of <paramref name="tracks"/> with at least 2 tracks under its own name (artists in ordinal order).</summary>
    public static IReadOnlyList<IReadOnlyList<float[]>> OneArtistNames(IReadOnlyList<ArtistVector> tracks) =>
        tracks.GroupBy(t => t.Artist, StringComparer.Ordinal).Where(a => a.Count() >= 2).OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => (IReadOnlyList<float[]>)a.Select(t => t.Vector).ToList()).ToList();

    /// <summary>The labelled group of one name's tracks: artists numbered in order of first appearance.</summary>
    public static LabelledGroup Group(IReadOnlyList<ArtistVector> name)
    {
        var artists = name.Select(t => t.Artist).Distinct(StringComparer.Ordinal).ToList();
        return new LabelledGroup(VectorSet.FromRows([.. name.Select(t => t.Vector)]), [.. name.Select(t => artists.IndexOf(t.Artist))]);
    }

    /// <summary>Calibrates the threshold on <paramref name="homonymNames"/> and <paramref name="oneArtistNames"/>, in the order given (the result's name indices follow it).</summary>
    public static CalibrationResult Calibrate(
        IReadOnlyList<IReadOnlyList<ArtistVector>> homonymNames, IReadOnlyList<IReadOnlyList<float[]>> oneArtistNames,
        CalibrationOptions options, CancellationToken cancellationToken = default) =>
        ThresholdCalibrator.Calibrate(
            [.. homonymNames.Select(Group)],
            [.. oneArtistNames.Select(n => VectorSet.FromRows([.. n]))],
            options,
            cancellationToken);
}
