using System.Globalization;
using System.Text;
using Disambig.Storage;

namespace Disambig.Datasets.Recipes;

/// <summary>What became of one planned track: where its segments start in the dataset and how many there are, or why it was skipped.</summary>
internal sealed record JournalEntry(int TrackIndex, int FirstSegment, int Segments, string TrackId, string? FailureReason, string? FailureDetail);

/// <summary>
/// The outcomes of a split's tracks, saved in chunks (<c>journal/NNNNN.tsv</c>) right after each shard is flushed.
/// A resumed build replays the outcomes of tracks whose segments are all in kept shards instead of decoding them again;
/// anything the journal does not vouch for is decoded again, which gives the same segments.
/// </summary>
internal sealed class BuildJournal
{
    private const string Folder = "journal/";

    private readonly IBlobStore _store;
    private readonly string _prefix;
    private readonly List<JournalEntry> _unsaved = [];

    private BuildJournal(IBlobStore store, string prefix, IReadOnlyDictionary<int, JournalEntry> saved)
    {
        _store = store;
        _prefix = prefix;
        Saved = saved;
    }

    /// <summary>Outcomes saved by earlier runs, by track index (the latest chunk wins).</summary>
    public IReadOnlyDictionary<int, JournalEntry> Saved { get; }

    public static async Task<BuildJournal> OpenAsync(IBlobStore store, string splitPrefix, CancellationToken cancellationToken)
    {
        var saved = new Dictionary<int, JournalEntry>();
        await foreach (var name in store.ListAsync(splitPrefix + Folder, cancellationToken))
        {
            await using var stream = await store.OpenReadAsync(name, cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (Parse(line) is { } entry) saved[entry.TrackIndex] = entry;
            }
        }
        return new BuildJournal(store, splitPrefix, saved);
    }

    public void Record(JournalEntry entry) => _unsaved.Add(entry);

    /// <summary>Writes the outcomes recorded since the last save as chunk <paramref name="chunk"/>.</summary>
    public async Task SaveAsync(int chunk, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var e in _unsaved)
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.TrackIndex}\t{e.FirstSegment}\t{e.Segments}\t{Clean(e.TrackId)}\t{Clean(e.FailureReason)}\t{Clean(e.FailureDetail)}\n");
        }
        await _store.WriteAsync($"{_prefix}{Folder}{chunk:D5}.tsv", new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), cancellationToken);
        _unsaved.Clear();
    }

    private static string Clean(string? text) => (text ?? "").Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    private static JournalEntry? Parse(string line)
    {
        var fields = line.Split('\t');
        if (fields.Length != 6
            || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(fields[2], CultureInfo.InvariantCulture, out var segments))
        {
            return null;
        }
        return new JournalEntry(index, first, segments, fields[3], fields[4].Length == 0 ? null : fields[4], fields[5].Length == 0 ? null : fields[5]);
    }
}
