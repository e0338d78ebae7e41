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
}
