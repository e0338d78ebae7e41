using System.Security.Cryptography;
using System.Text;
using Disambig.Catalog;

namespace Disambig.Datasets.Recipes;

/// <summary>One track of a split and what to cut from it.</summary>
/// <param name="Track">The catalog line.</param>
/// <param name="Artist">The artist the segments are labelled with: the true artist id, or the credited name when the catalog has none.</param>
/// <param name="Sampling">The segments to cut.</param>
public sealed record PlannedTrack(CatalogTrack Track, string Artist, TrackSampling Sampling);

/// <summary>The tracks of one written dataset, in writing order.</summary>
/// <param name="Name">See <see cref="SplitNames"/>.</param>
/// <param name="SegmentSeconds">Seconds per segment (3 or 9).</param>
/// <param name="Tracks">Tracks in the order their segments are written.</param>
/// <param name="ArtistTags">Side-information tags of each artist of the split.</param>
public sealed record SplitPlan(string Name, double SegmentSeconds, IReadOnlyList<PlannedTrack> Tracks, IReadOnlyDictionary<string, IReadOnlyList<string>> ArtistTags)
{
    /// <summary>Segments the split holds when every track decodes.</summary>
    public int PlannedSegments => Tracks.Sum(t => t.Sampling.PlannedSegments);

    /// <summary>Distinct artists of the split.</summary>
    public int ArtistCount => Tracks.Select(t => t.Artist).Distinct(StringComparer.Ordinal).Count();

    /// <summary>
    /// Identifies what this split will contain: recipe settings, catalog digest and every planned track. Two runs
    /// with the same digest write the same dataset, so the second resumes or does nothing.
    /// </summary>
    public string Digest(IReadOnlyDictionary<string, string> settings, string catalogDigest)
    {
        var text = new StringBuilder("disambig-recipe-plan/1\n").Append(Name).Append('\n').Append(catalogDigest).Append('\n');
        foreach (var (key, value) in settings.OrderBy(pair => pair.Key, StringComparer.Ordinal)) text.Append(key).Append('=').Append(value).Append('\n');
        foreach (var planned in Tracks)
        {
            text.Append(planned.Track.TrackId).Append('\t').Append(planned.Track.AudioPath).Append('\t')
                .Append(planned.Artist).Append('\t').Append(planned.Sampling.Describe()).Append('\n');
        }
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>What a recipe will write: its settings and one plan per split.</summary>
public sealed record DatasetPlan(DatasetRecipe Recipe, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<SplitPlan> Splits)
{
    public SplitPlan this[string name] =>
        Splits.FirstOrDefault(split => split.Name == name) ?? throw new KeyNotFoundException($"The plan has no split '{name}'.");
}
