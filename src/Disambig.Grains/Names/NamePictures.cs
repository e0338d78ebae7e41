using Disambig.Clustering;
using Disambig.Clustering.Projection;

namespace Disambig.Grains.Names;

/// <summary>
/// Draws a name at a glance (pure): its usable track vectors projected on their first two principal components, and the
/// Ward dendrogram with the model's threshold. Names with more than <see cref="MaxPoints"/> usable tracks are drawn from
/// an evenly spaced sample of that many (the picture says so), so the page stays light.
/// </summary>
public static class NamePictures
{
    /// <summary>Most tracks a picture draws.</summary>
    public const int MaxPoints = 1000;

    /// <param name="usable">Usable tracks in catalog order with their [d] vectors.</param>
    /// <param name="linkage">The clustering's linkage over <paramref name="usable"/> (reused unless sampled), or null.</param>
    /// <param name="threshold">The model's threshold.</param>
    /// <param name="cancellationToken">Stops a long clustering of the sample.</param>
    public static NamePicture Draw(IReadOnlyList<(string TrackId, float[] Vector)> usable, Linkage? linkage, double threshold, CancellationToken cancellationToken = default)
    {
        var drawn = usable.Count <= MaxPoints
            ? usable
            : [.. Enumerable.Range(0, MaxPoints).Select(i => usable[(int)((long)i * usable.Count / MaxPoints)])];
        if (drawn.Count >= 2 && (linkage is null || drawn.Count != usable.Count))
            linkage = WardLinkage.Compute(VectorSet.FromRows(drawn.Select(t => t.Vector).ToList()), cancellationToken);
        var coordinates = drawn.Count == 0 ? [] : PrincipalComponents.Project([.. drawn.Select(t => t.Vector)], Math.Min(2, drawn[0].Vector.Length));
        var points = drawn.Select((t, i) => new PicturePoint(t.TrackId, coordinates[i][0], coordinates[i].Length > 1 ? coordinates[i][1] : 0)).ToList();
        var merges = drawn.Count < 2 ? [] : linkage!.Merges.Select(m => new PictureMerge(m.Left, m.Right, m.Height)).ToList();
        return new NamePicture(points, merges, threshold, usable.Count);
    }

    /// <summary>
    /// <paramref name="picture"/> with each point's <see cref="PicturePoint.Entity"/> from <paramref name="whole"/> (the
    /// first entity listing its track; null when none does), so the picture of a big name keeps its colours whichever
    /// page of its tracks is listed, at one int a point (a picture has at most <see cref="MaxPoints"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="whole"/> is a <see cref="NameResult.Paged"/> summary, which lists only some tracks.</exception>
    public static NamePicture Coloured(NamePicture picture, NameResult whole)
    {
        if (whole.Paged) throw new ArgumentException($"The result of '{whole.NameKey}' is a summary; a picture is coloured from the whole result.", nameof(whole));
        var entityOf = whole.EntitiesOf(picture.Points.Select(p => p.TrackId).ToHashSet(StringComparer.Ordinal));
        return picture with { Points = [.. picture.Points.Select(p => p with { Entity = entityOf.TryGetValue(p.TrackId, out var e) ? e : null })] };
    }
}
