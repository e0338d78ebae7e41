using Disambig.Embedding.Data;

namespace Disambig.Embedding.Sampling;

/// <summary>Each artist's tags as sorted ids, so "do these two artists share a tag" is a short merge.</summary>
public sealed class ArtistTagIndex
{
    private readonly int[][] _tags;

    public ArtistTagIndex(SegmentLabels labels)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        _tags = labels.Artists
            .Select(artist => artist.Tags
                .Select(tag => ids.TryGetValue(tag, out var id) ? id : ids[tag] = ids.Count)
                .Distinct()
                .Order()
                .ToArray())
            .ToArray();
    }

    public bool HasTags(int artist) => _tags[artist].Length > 0;

    public bool ShareTag(int first, int second)
    {
        var (a, b) = (_tags[first], _tags[second]);
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) return true;
            if (a[i] < b[j]) i++;
            else j++;
        }
        return false;
    }
}
