using System.Collections.Concurrent;
using System.Text.Json;
using Disambig.Catalog;
using Disambig.Storage;

namespace Disambig.Evaluation;

/// <summary>A track vector of one model and the length of the track's audio.</summary>
public sealed record CachedVector(float[] Vector, double DurationSeconds);

/// <summary>
/// The track vectors one model computed, keyed by <see cref="KeyOf"/> (track id, audio path, size and entity tag), so
/// tasks and later runs reuse them. Persisted as <c>{folder}/{weights sha256}.jsonl</c> when a folder is given. Thread-safe.
/// </summary>
public sealed class TrackVectorCache
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string? _file;
    private readonly ConcurrentDictionary<string, CachedVector> _vectors;
    private int _added;

    private TrackVectorCache(string? file, ConcurrentDictionary<string, CachedVector> vectors)
    {
        _file = file;
        _vectors = vectors;
    }

    private sealed record Line(string Key, double Duration, float[] Vector);

    /// <param name="folder">Where the cache file lives; null for a cache in memory only.</param>
    /// <param name="modelKey">Identifies the weights (their SHA-256).</param>
    public static async Task<TrackVectorCache> OpenAsync(string? folder, string modelKey, CancellationToken cancellationToken)
    {
        var vectors = new ConcurrentDictionary<string, CachedVector>(StringComparer.Ordinal);
        if (folder is null) return new TrackVectorCache(null, vectors);
        var file = Path.Combine(folder, $"{modelKey}.jsonl");
        if (File.Exists(file))
        {
            foreach (var text in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                // A damaged line only costs recomputing that vector.
                if (TryParse(text) is { } line) vectors[line.Key] = new CachedVector(line.Vector, line.Duration);
            }
        }
        return new TrackVectorCache(file, vectors);
    }

    /// <summary>The cache key of a track: its id, its audio path, and the audio's size and entity tag (null: missing).</summary>
    public static string KeyOf(CatalogTrack track, BlobInfo? audio) =>
        audio is null
            ? $"{track.TrackId}|{track.AudioPath}|missing"
            : $"{track.TrackId}|{track.AudioPath}|{audio.Length}|{audio.ETag}";

    public bool TryGet(string key, out CachedVector vector) => _vectors.TryGetValue(key, out vector!);

    public void Add(string key, CachedVector vector)
    {
        _vectors[key] = vector;
        Interlocked.Increment(ref _added);
    }

    /// <summary>Writes the cache file when vectors were added (whole, through a temporary file).</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_file is null || Volatile.Read(ref _added) == 0) return;
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var temporary = $"{_file}.{Guid.NewGuid():N}.partial";
        await File.WriteAllLinesAsync(temporary,
            _vectors.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(new Line(p.Key, p.Value.DurationSeconds, p.Value.Vector), Json)),
            cancellationToken);
        File.Move(temporary, _file, overwrite: true);
    }

    private static Line? TryParse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<Line>(text, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
