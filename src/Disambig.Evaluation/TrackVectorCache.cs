using System.Collections.Concurrent;
using System.Text.Json;
using Disambig.Catalog;
using Disambig.Storage;
using Disambig.Vectors;

namespace Disambig.Evaluation;

/// <summary>A track vector of one model and the length of the track's audio.</summary>
public sealed record CachedVector(float[] Vector, double DurationSeconds);

/// <summary>
/// The track vectors one model computed with one set of features, per track (id and audio path), so tasks and later runs
/// reuse them; a kept vector is reused only when it serves the track's audio as it is now (<see cref="TrackVectorKey.Serves"/>,
/// the rule the track grain applies too). Persisted as <c>{folder}/{weights sha256}-{features}.jsonl</c> when a folder
/// is given. Thread-safe.
/// </summary>
public sealed class TrackVectorCache
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string? _file;
    private readonly string _model;
    private readonly string _features;
    private readonly ConcurrentDictionary<string, (TrackVectorKey Key, CachedVector Vector)> _vectors;
    private int _added;

    private TrackVectorCache(string? file, string model, string features, ConcurrentDictionary<string, (TrackVectorKey, CachedVector)> vectors)
    {
        _file = file;
        _model = model;
        _features = features;
        _vectors = vectors;
    }

    private sealed record Line(string Track, string ETag, double Duration, float[] Vector);

    /// <param name="folder">Where the cache file lives; null for a cache in memory only.</param>
    /// <param name="model">Identifies the weights (their SHA-256).</param>
    /// <param name="features">How the model is fed the tracks' audio.</param>
    public static async Task<TrackVectorCache> OpenAsync(string? folder, string model, VectorFeatures features, CancellationToken cancellationToken)
    {
        var text = features.ToString();
        var vectors = new ConcurrentDictionary<string, (TrackVectorKey, CachedVector)>(StringComparer.Ordinal);
        if (folder is null) return new TrackVectorCache(null, model, text, vectors);
        var file = Path.Combine(folder, $"{model}-{text}.jsonl");
        if (File.Exists(file))
        {
            foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                // A damaged line only costs recomputing that vector.
                if (TryParse(line) is { } read) vectors[read.Track] = (new TrackVectorKey(read.ETag, model, text), new CachedVector(read.Vector, read.Duration));
            }
        }
        return new TrackVectorCache(file, model, text, vectors);
    }

    /// <summary>The vector kept for <paramref name="track"/> that serves its audio as it is now (<paramref name="audio"/>).</summary>
    public bool TryGet(CatalogTrack track, BlobInfo audio, out CachedVector vector)
    {
        vector = null!;
        if (!_vectors.TryGetValue(SlotOf(track), out var kept) || !kept.Key.Serves(KeyOf(audio))) return false;
        vector = kept.Vector;
        return true;
    }

    /// <summary>Keeps <paramref name="vector"/>, computed from the audio <paramref name="audio"/> describes, as the vector of <paramref name="track"/>.</summary>
    public void Add(CatalogTrack track, BlobInfo audio, CachedVector vector)
    {
        _vectors[SlotOf(track)] = (KeyOf(audio), vector);
        Interlocked.Increment(ref _added);
    }

    /// <summary>Writes the cache file when vectors were added (whole, through a temporary file).</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_file is null || Volatile.Read(ref _added) == 0) return;
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var temporary = $"{_file}.{Guid.NewGuid():N}.partial";
        await File.WriteAllLinesAsync(temporary,
            _vectors.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => JsonSerializer.Serialize(new Line(p.Key, p.Value.Key.AudioETag, p.Value.Vector.DurationSeconds, p.Value.Vector.Vector), Json)),
            cancellationToken);
        File.Move(temporary, _file, overwrite: true);
    }

    private TrackVectorKey KeyOf(BlobInfo audio) => new(audio.ETag, _model, _features);

    /// <summary>Where a track's vector is kept: its id and audio path (a track pointed at other audio is another slot).</summary>
    private static string SlotOf(CatalogTrack track) => $"{track.TrackId}|{track.AudioPath}";

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
