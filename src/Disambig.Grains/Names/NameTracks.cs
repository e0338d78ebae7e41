namespace Disambig.Grains.Names;

/// <summary>
/// A name's track list in an activation: the tracks in the order they were first added, indexed by id so adding a batch
/// to a name of many thousand tracks costs the batch, not the name (pure: no grain, no I/O).
/// </summary>
public sealed class NameTracks
{
    private readonly List<TrackRef> _tracks;
    private readonly Dictionary<string, int> _index;

    public NameTracks(IEnumerable<TrackRef> tracks)
    {
        _tracks = [];
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        Merge(tracks.ToList());
    }

    /// <summary>Every track, in the order they were first added.</summary>
    public IReadOnlyList<TrackRef> All => _tracks;

    public int Count => _tracks.Count;

    /// <summary>Adds or replaces tracks by id; returns how many were new or changed.</summary>
    public int Merge(IReadOnlyList<TrackRef> tracks)
    {
        var changed = 0;
        foreach (var track in tracks)
        {
            if (!_index.TryGetValue(track.TrackId, out var index))
            {
                _index[track.TrackId] = _tracks.Count;
                _tracks.Add(track);
            }
            else if (_tracks[index] != track) _tracks[index] = track;
            else continue;
            changed++;
        }
        return changed;
    }

    /// <summary>At most <paramref name="limit"/> tracks from <paramref name="offset"/>.</summary>
    public TrackRefPage Page(int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var page = _tracks.Skip(offset).Take(Math.Min(limit, NameResultPages.MaxPageSize)).ToList();
        return new TrackRefPage(page, _tracks.Count, offset + page.Count < _tracks.Count ? offset + page.Count : null);
    }

    /// <summary>The tracks of <paramref name="trackIds"/> (at most <see cref="NameResultPages.MaxPageSize"/>), in that order; unknown ids left out.</summary>
    public IReadOnlyList<TrackRef> Find(IReadOnlyList<string> trackIds)
    {
        if (trackIds.Count > NameResultPages.MaxPageSize)
            throw new ArgumentException($"At most {NameResultPages.MaxPageSize} tracks are found at once; {trackIds.Count} were asked.", nameof(trackIds));
        return [.. trackIds.Where(_index.ContainsKey).Select(id => _tracks[_index[id]])];
    }

    /// <summary>The tracks cut in pages of <paramref name="pageSize"/>, in order.</summary>
    public IEnumerable<TrackRef[]> Pages(int pageSize) => _tracks.Chunk(pageSize);
}
