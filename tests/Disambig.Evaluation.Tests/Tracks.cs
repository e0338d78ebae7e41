using Disambig.Catalog;

namespace Disambig.Evaluation.Tests;

/// <summary>Catalog lines without audio and synthetic vectors with known structure.</summary>
internal static class Tracks
{
    public static IEnumerable<CatalogTrack> Of(string trueArtist, int count, string? name = null) =>
        Enumerable.Range(1, count).Select(n => new CatalogTrack(
            $"{trueArtist}/{n}", $"Track {n}", name ?? $"Name of {trueArtist}", trueArtist, $"{trueArtist}-album", null,
            new DateOnly(2001, 1, 1), [], $"audio/{trueArtist}/{n:D2}.wav"));

    /// <summary>Unit-norm-ish vectors: artist k sits at 10 e_k, each track jittered by at most <paramref name="noise"/> per component.</summary>
    public static Dictionary<string, float[]> Clustered(IEnumerable<LabelledTrack> tracks, Func<LabelledTrack, int> centre, double noise, int dim = 16, int seed = 5)
    {
        var random = new Random(seed);
        return tracks.DistinctBy(t => t.Track.TrackId).ToDictionary(t => t.Track.TrackId, t =>
        {
            var vector = Enumerable.Range(0, dim).Select(_ => (float)((random.NextDouble() * 2 - 1) * noise)).ToArray();
            vector[centre(t) % dim] += 10;
            return vector;
        });
    }
}
