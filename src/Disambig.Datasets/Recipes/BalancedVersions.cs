using System.Globalization;
using Disambig.Embedding.Data;

namespace Disambig.Datasets.Recipes;

/// <summary>
/// The two balanced versions of an unbalanced training set that a classifier needs (section 4.3.3): (A) cut the
/// better-represented artists down, (B) repeat the samples of the less represented ones. Pure: returns the source
/// segments to write, in order.
/// </summary>
public static class BalancedVersions
{
    /// <summary>
    /// (A): every artist with at least <paramref name="count"/> segments keeps that many, drawn at random; artists with
    /// fewer are dropped. Default count: the smallest artist's, so every artist stays.
    /// </summary>
    public static IReadOnlyList<int> CutDown(SegmentLabels labels, int? count, int seed)
    {
        var target = count ?? Populated(labels).Select(a => labels.SegmentsOf(a).Count).DefaultIfEmpty(0).Min();
        return [.. Populated(labels).Where(a => labels.SegmentsOf(a).Count >= target).SelectMany(a => Draw(labels.SegmentsOf(a), target, seed))];
    }

    /// <summary>
    /// (B): every artist gets exactly <paramref name="count"/> segments: all of its own, repeated whole as often as they
    /// fit, then a random part of them; an artist with more is cut down. Default count: the largest artist's.
    /// </summary>
    public static IReadOnlyList<int> Repeated(SegmentLabels labels, int? count, int seed)
    {
        var target = count ?? Populated(labels).Select(a => labels.SegmentsOf(a).Count).DefaultIfEmpty(0).Max();
        var selection = new List<int>();
        foreach (var artist in Populated(labels))
        {
            var own = labels.SegmentsOf(artist);
            for (int round = 0; round < target / own.Count; round++) selection.AddRange(own);
            selection.AddRange(Draw(own, target % own.Count, seed));
        }
        return selection;
    }

    private static IEnumerable<int> Populated(SegmentLabels labels) =>
        Enumerable.Range(0, labels.ArtistCount).Where(a => labels.SegmentsOf(a).Count > 0);

    /// <summary><paramref name="count"/> of the segments drawn at random, in ascending order.</summary>
    private static IEnumerable<int> Draw(IReadOnlyList<int> segments, int count, int seed) =>
        StableDraw.Order(segments, s => s.ToString(CultureInfo.InvariantCulture), seed, "balance").Take(count).Order();
}
