using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Disambig.Storage;

namespace Disambig.Datasets;

/// <summary>
/// Writes a prepared segment dataset shard by shard. Resumable: full shards left by an interrupted run are kept,
/// and the caller skips computing the segments they hold (<see cref="IsStored"/>); the manifest comes last.
/// </summary>
public sealed class SegmentDatasetWriter
{
    private readonly IBlobStore _store;
    private readonly string _prefix;
    private readonly int _frames;
    private readonly int _melBands;
    private readonly int _shardCapacity;
    private readonly List<int> _labels = [];
    private readonly List<int> _segmentTracks = [];
    private readonly List<TrackEntry> _tracks = [];
    private readonly Dictionary<TrackEntry, int> _trackIndex = [];
    private readonly List<ShardEntry> _shards = [];
    private readonly List<Half> _pending = [];

    private SegmentDatasetWriter(IBlobStore store, string prefix, int frames, int melBands, int shardCapacity, List<ShardEntry> kept)
    {
        _store = store;
        _prefix = prefix;
        _frames = frames;
        _melBands = melBands;
        _shardCapacity = shardCapacity;
        _shards.AddRange(kept);
        StoredSegments = kept.Sum(s => s.Segments);
    }

    /// <summary>Segments already written by an earlier run; their features need not be computed again.</summary>
    public int StoredSegments { get; }

    /// <summary>Segments added so far in this run, stored ones included.</summary>
    public int Count => _labels.Count;

    /// <summary>Shards in storage: kept from an earlier run or written by this one. Grows when a shard is flushed.</summary>
    public int ShardCount => _shards.Count;

    /// <summary>True when the next segment (index <see cref="Count"/>) is already in storage.</summary>
    public bool IsStored(int segmentIndex) => segmentIndex < StoredSegments;

    /// <param name="prefix">Where the dataset lives in the store ("" or ending with '/').</param>
    /// <param name="shardCapacity">Segments per shard (256 is about 25 MB for 9 s segments).</param>
    /// <param name="planDigest">
    /// Identifies what the caller will write (recipe, its settings, the catalog); shards of an earlier run are
    /// reused only when it planned the same thing.
    /// </param>
    public static async Task<SegmentDatasetWriter> OpenAsync(
        IBlobStore store, string prefix, int frames, int melBands, int shardCapacity, string planDigest, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(melBands);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardCapacity);
        BlobName.ValidatePrefix(prefix);
        var kept = new List<ShardEntry>();
        var planName = prefix + PlanFileName;
        if (await ReadTextAsync(store, planName, cancellationToken) != planDigest)
        {
            await foreach (var stale in store.ListAsync(prefix, cancellationToken)) await store.DeleteAsync(stale, cancellationToken);
            await store.WriteAsync(planName, new MemoryStream(Encoding.UTF8.GetBytes(planDigest)), cancellationToken);
            return new SegmentDatasetWriter(store, prefix, frames, melBands, shardCapacity, kept);
        }
        long fullShardBytes = (long)shardCapacity * frames * melBands * sizeof(ushort);
        // Only consecutive full shards from the start are kept; anything after a gap or a short shard is rewritten.
        for (int index = 0; ; index++)
        {
            var name = prefix + SegmentDatasetManifest.ShardName(index);
            var info = await store.GetInfoAsync(name, cancellationToken);
            if (info is null || info.Length != fullShardBytes) break;
            await using var stream = await store.OpenReadAsync(name, cancellationToken);
            kept.Add(new ShardEntry(SegmentDatasetManifest.ShardName(index), shardCapacity, await Sha256Async(stream, cancellationToken)));
        }
        return new SegmentDatasetWriter(store, prefix, frames, melBands, shardCapacity, kept);
    }

    /// <summary>Appends one segment of no known track. For a stored segment (<see cref="IsStored"/>), <paramref name="features"/> is ignored and may be empty.</summary>
    /// <param name="features">[frames, melBands] mel power.</param>
    public Task AddAsync(int artist, ReadOnlyMemory<float> features, CancellationToken cancellationToken) =>
        AddAsync(artist, null, features, cancellationToken);

    /// <summary>Appends one segment of <paramref name="track"/>. For a stored segment (<see cref="IsStored"/>), <paramref name="features"/> is ignored and may be empty.</summary>
    /// <param name="track">The track it comes from and its credited name (null: unknown).</param>
    /// <param name="features">[frames, melBands] mel power.</param>
    public async Task AddAsync(int artist, TrackEntry? track, ReadOnlyMemory<float> features, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(artist);
        bool stored = IsStored(_labels.Count);
        _labels.Add(artist);
        _segmentTracks.Add(track is null ? -1 : TrackIndexOf(track));
        if (stored) return;
        if (features.Length != _frames * _melBands)
            throw new ArgumentException($"A segment holds {_frames} x {_melBands} values, got {features.Length}.", nameof(features));
        foreach (var value in features.Span) _pending.Add((Half)value);
        if (_pending.Count == _shardCapacity * _frames * _melBands) await FlushShardAsync(cancellationToken);
    }

    /// <summary>Writes the last shard, the labels and the manifest; returns the manifest.</summary>
    public async Task<SegmentDatasetManifest> CompleteAsync(
        IReadOnlyList<ArtistEntry> artists, IReadOnlyDictionary<string, string> recipe, CancellationToken cancellationToken)
    {
        if (_labels.Count < StoredSegments)
            throw new InvalidOperationException($"{StoredSegments} segments were stored by an earlier run but only {_labels.Count} were added again.");
        if (_labels.Any(a => a >= artists.Count))
            throw new ArgumentException($"A segment names an artist beyond the {artists.Count} given.", nameof(artists));
        if (_pending.Count > 0) await FlushShardAsync(cancellationToken);

        var labelBytes = MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(_labels)).ToArray();
        await _store.WriteAsync(_prefix + SegmentDatasetManifest.LabelsFileName, new MemoryStream(labelBytes), cancellationToken);
        var labelsSha = Convert.ToHexStringLower(SHA256.HashData(labelBytes));
        var trackBytes = MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(_segmentTracks)).ToArray();
        await _store.WriteAsync(_prefix + SegmentDatasetManifest.TracksFileName, new MemoryStream(trackBytes), cancellationToken);
        var tracksSha = Convert.ToHexStringLower(SHA256.HashData(trackBytes));

        var digestText = new StringBuilder($"{SegmentDatasetManifest.CurrentFormat}\n{_frames}x{_melBands}\n{labelsSha}\n{tracksSha}\n");
        foreach (var shard in _shards) digestText.Append(shard.Sha256).Append('\n');
        foreach (var artist in artists) digestText.Append(artist.Name).Append('\t').AppendJoin(',', artist.Tags).Append('\n');
        foreach (var track in _tracks) digestText.Append(track.TrackId).Append('\t').Append(track.Name).Append('\n');
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digestText.ToString())));

        var manifest = new SegmentDatasetManifest(
            SegmentDatasetManifest.CurrentFormat, _frames, _melBands, _labels.Count, _shardCapacity,
            _shards.ToList(), artists, labelsSha, digest, recipe, _tracks.ToList(), tracksSha);
        var json = JsonSerializer.SerializeToUtf8Bytes(manifest, DatasetJsonContext.Default.SegmentDatasetManifest);
        await _store.WriteAsync(_prefix + SegmentDatasetManifest.FileName, new MemoryStream(json), cancellationToken);
        return manifest;
    }

    private int TrackIndexOf(TrackEntry track)
    {
        if (!_trackIndex.TryGetValue(track, out var index))
        {
            index = _tracks.Count;
            _tracks.Add(track);
            _trackIndex.Add(track, index);
        }
        return index;
    }

    private async Task FlushShardAsync(CancellationToken cancellationToken)
    {
        var name = SegmentDatasetManifest.ShardName(_shards.Count);
        var bytes = MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(_pending)).ToArray();
        await _store.WriteAsync(_prefix + name, new MemoryStream(bytes), cancellationToken);
        _shards.Add(new ShardEntry(name, _pending.Count / (_frames * _melBands), Convert.ToHexStringLower(SHA256.HashData(bytes))));
        _pending.Clear();
    }

    private const string PlanFileName = "plan.txt";

    private static async Task<string?> ReadTextAsync(IBlobStore store, string name, CancellationToken cancellationToken)
    {
        if (await store.GetInfoAsync(name, cancellationToken) is null) return null;
        await using var stream = await store.OpenReadAsync(name, cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    internal static async Task<string> Sha256Async(Stream stream, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
}
