namespace Disambig.Datasets.Recipes;

/// <summary>
/// Numbers artists in the order their first segment is written, so that an artist whose every track failed gets
/// no label and the trainer never draws an artist without segments.
/// </summary>
internal sealed class ArtistNumbering(IReadOnlyDictionary<string, IReadOnlyList<string>> tags)
{
    private readonly Dictionary<string, int> _indices = new(StringComparer.Ordinal);
    private readonly List<ArtistEntry> _entries = [];

    public IReadOnlyList<ArtistEntry> Entries => _entries;

    public int IndexOf(string artist)
    {
        if (!_indices.TryGetValue(artist, out var index))
        {
            index = _entries.Count;
            _indices.Add(artist, index);
            _entries.Add(new ArtistEntry(artist, tags.TryGetValue(artist, out var own) ? own : []));
        }
        return index;
    }
}
