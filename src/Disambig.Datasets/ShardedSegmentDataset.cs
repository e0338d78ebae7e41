using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Disambig.Embedding.Data;
using Disambig.Storage;
using Microsoft.Win32.SafeHandles;

namespace Disambig.Datasets;

/// <summary>
/// A prepared dataset read segment by segment with positional file reads: memory stays bounded (one segment's
/// bytes per read plus the labels) however large the dataset. Shards in a local folder are read in place;
/// shards in blob storage are downloaded once into a cache folder, named by their SHA-256 and verified.
/// </summary>
public sealed class ShardedSegmentDataset : ISegmentDataset, IDisposable
{
    private readonly SafeFileHandle[] _shards;
    private readonly int _shardCapacity;
    private readonly int[]? _segmentTracks;

    private ShardedSegmentDataset(SegmentDatasetManifest manifest, SegmentLabels labels, int[]? segmentTracks, SafeFileHandle[] shards)
    {
        Manifest = manifest;
        Labels = labels;
        _segmentTracks = segmentTracks;
        _shards = shards;
        _shardCapacity = manifest.ShardCapacity;
    }

    /// <summary>Whether the dataset records each segment's track (format 2).</summary>
    public bool HasTracks => _segmentTracks is not null;

    /// <summary>The track <paramref name="segment"/> comes from, or null (format 1, or a segment of no known track).</summary>
    public TrackEntry? TrackOf(int segment) =>
        _segmentTracks is { } tracks && tracks[segment] >= 0 ? Manifest.Tracks![tracks[segment]] : null;

    public SegmentDatasetManifest Manifest { get; }

    public int Frames => Manifest.Frames;

    public int MelBands => Manifest.MelBands;

    public SegmentLabels Labels { get; }

    public string Digest => Manifest.Digest;

    /// <summary>Opens the dataset under <paramref name="prefix"/>; <paramref name="cacheFolder"/> receives downloaded shards.</summary>
    /// <exception cref="DatasetFormatException">Missing or incomplete manifest, wrong format, or a shard or labels file that does not match its hash.</exception>
    public static async Task<ShardedSegmentDataset> OpenAsync(IBlobStore store, string prefix, string cacheFolder, CancellationToken cancellationToken)
    {
        var location = $"{store.Location.TrimEnd('/')}/{prefix}";
        var manifest = await ReadManifestAsync(store, prefix, location, cancellationToken);

        var labelBytes = await ReadAllAsync(store, prefix + SegmentDatasetManifest.LabelsFileName, location, cancellationToken);
        if (Convert.ToHexStringLower(SHA256.HashData(labelBytes)) != manifest.LabelsSha256)
            throw new DatasetFormatException(location, "labels.i32 does not match the SHA-256 in the manifest");
        var segmentArtists = MemoryMarshal.Cast<byte, int>(labelBytes).ToArray();
        if (segmentArtists.Length != manifest.SegmentCount)
            throw new DatasetFormatException(location, $"labels.i32 holds {segmentArtists.Length} labels for {manifest.SegmentCount} segments");
        var labels = new SegmentLabels(segmentArtists, manifest.Artists.Select(a => new ArtistInfo(a.Name, a.Tags)).ToList());
        int[]? segmentTracks = null;
        if (manifest.Format == SegmentDatasetManifest.CurrentFormat)
        {
            var trackBytes = await ReadAllAsync(store, prefix + SegmentDatasetManifest.TracksFileName, location, cancellationToken);
            if (Convert.ToHexStringLower(SHA256.HashData(trackBytes)) != manifest.TracksSha256)
                throw new DatasetFormatException(location, "tracks.i32 does not match the SHA-256 in the manifest");
            segmentTracks = MemoryMarshal.Cast<byte, int>(trackBytes).ToArray();
            var trackCount = manifest.Tracks?.Count ?? 0;
            if (segmentTracks.Length != manifest.SegmentCount || segmentTracks.Any(t => t < -1 || t >= trackCount))
                throw new DatasetFormatException(location, $"tracks.i32 does not name one of the {trackCount} tracks for each of the {manifest.SegmentCount} segments");
        }

        var handles = new List<SafeFileHandle>();
        try
        {
            foreach (var shard in manifest.Shards)
            {
                var path = await LocalShardPathAsync(store, prefix, shard, cacheFolder, location, cancellationToken);
                handles.Add(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read));
            }
        }
        catch
        {
            foreach (var handle in handles) handle.Dispose();
            throw;
        }
        return new ShardedSegmentDataset(manifest, labels, segmentTracks, handles.ToArray());
    }

    public ValueTask ReadSegmentsAsync(ReadOnlyMemory<int> segments, Memory<float> destination, CancellationToken cancellationToken)
    {
        int size = Frames * MelBands;
        if (destination.Length != (long)segments.Length * size)
            throw new ArgumentException($"{segments.Length} segments of {Frames} x {MelBands} do not fit {destination.Length} values.", nameof(destination));
        var halves = new Half[size];
        var bytes = MemoryMarshal.AsBytes(halves.AsSpan());
        for (int i = 0; i < segments.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int segment = segments.Span[i];
            if ((uint)segment >= (uint)Manifest.SegmentCount)
                throw new ArgumentOutOfRangeException(nameof(segments), segment, $"The dataset has {Manifest.SegmentCount} segments.");
            long offset = (long)(segment % _shardCapacity) * bytes.Length;
            int read = RandomAccess.Read(_shards[segment / _shardCapacity], bytes, offset);
            if (read != bytes.Length) throw new EndOfStreamException($"Shard {segment / _shardCapacity} ends inside segment {segment}.");
            var target = destination.Span.Slice(i * size, size);
            for (int v = 0; v < size; v++) target[v] = (float)halves[v];
        }
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var shard in _shards) shard.Dispose();
    }

    /// <summary>Reads and checks the manifest of the dataset under <paramref name="prefix"/> without opening its shards.</summary>
    /// <exception cref="DatasetFormatException">Missing or incomplete manifest, or another format.</exception>
    public static Task<SegmentDatasetManifest> ReadManifestAsync(IBlobStore store, string prefix, CancellationToken cancellationToken) =>
        ReadManifestAsync(store, prefix, $"{store.Location.TrimEnd('/')}/{prefix}", cancellationToken);

    private static async Task<SegmentDatasetManifest> ReadManifestAsync(IBlobStore store, string prefix, string location, CancellationToken cancellationToken)
    {
        if (await store.GetInfoAsync(prefix + SegmentDatasetManifest.FileName, cancellationToken) is null)
            throw new DatasetFormatException(location, "no manifest.json: the dataset is missing or its build did not finish");
        SegmentDatasetManifest? manifest;
        try
        {
            await using var stream = await store.OpenReadAsync(prefix + SegmentDatasetManifest.FileName, cancellationToken);
            manifest = await JsonSerializer.DeserializeAsync(stream, DatasetJsonContext.Default.SegmentDatasetManifest, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new DatasetFormatException(location, $"manifest.json is not valid JSON ({e.Message})");
        }
        if (manifest is null || manifest.Format is not (SegmentDatasetManifest.CurrentFormat or SegmentDatasetManifest.TracklessFormat))
            throw new DatasetFormatException(location, $"format '{manifest?.Format}' is neither {SegmentDatasetManifest.CurrentFormat} nor {SegmentDatasetManifest.TracklessFormat}");
        if (manifest.Shards.Sum(s => s.Segments) != manifest.SegmentCount)
            throw new DatasetFormatException(location, "the shards do not add up to the segment count");
        return manifest;
    }

    private static async Task<string> LocalShardPathAsync(
        IBlobStore store, string prefix, ShardEntry shard, string cacheFolder, string location, CancellationToken cancellationToken)
    {
        string path;
        if (store is ILocalBlobFiles local)
        {
            path = local.LocalPathOf(prefix + shard.Name);
            if (!File.Exists(path)) throw new DatasetFormatException(location, $"{shard.Name} is missing");
        }
        else
        {
            Directory.CreateDirectory(cacheFolder);
            path = Path.Combine(cacheFolder, shard.Sha256 + ".f16");
            if (!File.Exists(path))
            {
                var partial = $"{path}.{Guid.NewGuid():N}.partial";
                await using (var source = await store.OpenReadAsync(prefix + shard.Name, cancellationToken))
                await using (var file = File.Create(partial))
                {
                    await source.CopyToAsync(file, cancellationToken);
                }
                File.Move(partial, path, overwrite: true);
            }
        }
        await using (var check = File.OpenRead(path))
        {
            if (await SegmentDatasetWriter.Sha256Async(check, cancellationToken) != shard.Sha256)
            {
                if (store is not ILocalBlobFiles) File.Delete(path);
                throw new DatasetFormatException(location, $"{shard.Name} does not match the SHA-256 in the manifest");
            }
        }
        return path;
    }

    private static async Task<byte[]> ReadAllAsync(IBlobStore store, string name, string location, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await store.OpenReadAsync(name, cancellationToken);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
        catch (BlobNotFoundException)
        {
            throw new DatasetFormatException(location, $"{name} is missing");
        }
    }
}
