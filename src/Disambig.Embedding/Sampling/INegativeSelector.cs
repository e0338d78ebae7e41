namespace Disambig.Embedding.Sampling;

/// <summary>The artists of a batch, in order, with n slots each (slot = position x n + k).</summary>
public sealed record BatchLayout(IReadOnlyList<int> Artists, int SamplesPerArtist);

/// <summary>Chooses, for one positive pair, the negative slot among the batch's other N-1 artists.</summary>
public interface INegativeSelector
{
    /// <param name="anchorPosition">Position (0..N-1) of the anchor's artist in <paramref name="layout"/>.</param>
    /// <returns>A slot of another artist.</returns>
    int SelectNegative(int anchorPosition, BatchLayout layout, Random random);
}

/// <summary>Section 3.2: any sample of the other N-1 artists, uniformly (one random draw).</summary>
public sealed class RandomNegativeSelector : INegativeSelector
{
    public int SelectNegative(int anchorPosition, BatchLayout layout, Random random)
    {
        int n = layout.SamplesPerArtist;
        int draw = random.Next((layout.Artists.Count - 1) * n);
        int position = draw / n;
        if (position >= anchorPosition) position++;
        return position * n + draw % n;
    }
}

/// <summary>
/// Section 3.2, side information: with probability p, a sample of a batch artist sharing a tag with the anchor's
/// artist; otherwise, or when the anchor has no tags or no batch artist shares one, the plain random choice.
/// With p = 0 no extra random number is drawn, so the batches equal those of <see cref="RandomNegativeSelector"/>.
/// </summary>
public sealed class SideInformationNegativeSelector : INegativeSelector
{
    private readonly ArtistTagIndex _tags;
    private readonly double _probability;
    private readonly RandomNegativeSelector _fallback = new();
    private readonly List<int> _candidates = [];

    /// <param name="probability">p in [0, 1]: how often to prefer a same-tag negative.</param>
    public SideInformationNegativeSelector(ArtistTagIndex tags, double probability)
    {
        if (probability is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(probability), probability, "p must be in [0, 1].");
        _tags = tags;
        _probability = probability;
    }

    public int SelectNegative(int anchorPosition, BatchLayout layout, Random random)
    {
        if (_probability > 0 && random.NextDouble() < _probability)
        {
            var anchor = layout.Artists[anchorPosition];
            _candidates.Clear();
            if (_tags.HasTags(anchor))
            {
                for (int position = 0; position < layout.Artists.Count; position++)
                {
                    if (position != anchorPosition && _tags.ShareTag(anchor, layout.Artists[position])) _candidates.Add(position);
                }
            }
            if (_candidates.Count > 0)
            {
                var chosen = _candidates[random.Next(_candidates.Count)];
                return chosen * layout.SamplesPerArtist + random.Next(layout.SamplesPerArtist);
            }
        }
        return _fallback.SelectNegative(anchorPosition, layout, random);
    }
}
