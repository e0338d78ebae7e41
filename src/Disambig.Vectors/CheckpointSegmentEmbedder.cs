using Disambig.Segments;
using System.Collections.Concurrent;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Inference;
using Disambig.Storage;

namespace Disambig.Vectors;

/// <summary>
/// <see cref="ISegmentEmbedder"/> of an inference silo: one batching <see cref="EmbeddingService"/> per model version,
/// loaded from the models store (<paramref name="models"/>) on first use, so a newly registered version is served without a restart. At most
/// <see cref="MaxLoadedVersions"/> versions stay loaded; the least recently loaded one is disposed first.
/// </summary>
public sealed class CheckpointSegmentEmbedder(IBlobStore models, EmbeddingServiceOptions serviceOptions) : ISegmentEmbedder, IAsyncDisposable
{
    /// <summary>Versions kept in memory: the current one and the one before it, while sweeps of both finish.</summary>
    public const int MaxLoadedVersions = 2;

    private readonly ModelCheckpointStore _checkpoints = new(models);
    private readonly ConcurrentDictionary<string, Lazy<Task<EmbeddingService>>> _services = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _loadOrder = new();

    public async Task<EmbeddingBatch> EmbedAsync(string modelVersion, HalfSegmentBatch segments, CancellationToken cancellationToken)
    {
        var service = await ServiceFor(modelVersion);
        return await ServiceSegmentEmbedder.EmbedAsync(service, modelVersion, segments, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services.Values.Where(s => s.IsValueCreated && s.Value.IsCompletedSuccessfully))
        {
            await service.Value.Result.DisposeAsync();
        }
    }

    private async Task<EmbeddingService> ServiceFor(string modelVersion)
    {
        var lazy = _services.GetOrAdd(modelVersion, version => new Lazy<Task<EmbeddingService>>(() => LoadAsync(version)));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            // A failed load is not cached: the next request tries again (the checkpoint may still be uploading).
            _services.TryRemove(new KeyValuePair<string, Lazy<Task<EmbeddingService>>>(modelVersion, lazy));
            throw;
        }
    }

    private async Task<EmbeddingService> LoadAsync(string version)
    {
        var model = await _checkpoints.LoadAsync(version, ModelRequirements.Paper, CancellationToken.None);
        _loadOrder.Enqueue(version);
        while (_loadOrder.Count > MaxLoadedVersions && _loadOrder.TryDequeue(out var oldest))
        {
            if (_services.TryRemove(oldest, out var evicted) && evicted.Value.IsCompletedSuccessfully)
                await evicted.Value.Result.DisposeAsync();
        }
        return new EmbeddingService(model, serviceOptions);
    }
}
