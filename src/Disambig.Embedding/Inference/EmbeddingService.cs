using System.Threading.Channels;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Inference;

/// <summary>
/// Serves many concurrent callers from one model: requests queue in a channel, a background loop gathers them into
/// batches (up to <see cref="EmbeddingServiceOptions.MaxBatchSegments"/> segments, waiting at most
/// <see cref="EmbeddingServiceOptions.MaxWait"/>) and runs each batch in one forward pass under a dispose scope, on
/// CUDA when available and on the CPU otherwise. <see cref="SwapModel"/> replaces the model between two batches;
/// every result names the version that computed it. The service owns the networks given to it.
/// </summary>
public sealed class EmbeddingService : IAsyncDisposable
{
    private sealed record ModelSlot(EmbeddingNetwork Network, string Version);

    private sealed record Request(float[] Segments, int Count, TaskCompletionSource<SegmentEmbeddings> Completion, CancellationToken CancellationToken);

    private readonly EmbeddingServiceOptions _options;
    private readonly Channel<Request> _requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private ModelSlot _current;
    private ModelSlot? _pending;
    private float[] _buffer = [];
    private long _batches;

    public EmbeddingService(EmbeddingNetwork network, string modelVersion, EmbeddingServiceOptions options)
    {
        _options = options.Validated();
        Device = cuda.is_available() ? CUDA : CPU;
        _current = Prepare(new ModelSlot(network, modelVersion));
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Serves a model loaded from a checkpoint, under its version id.</summary>
    public EmbeddingService(LoadedModel model, EmbeddingServiceOptions options)
        : this(model.Network, model.Metadata.Version, options)
    {
    }

    /// <summary>Where the forward passes run.</summary>
    public Device Device { get; }

    /// <summary>The version new requests will be computed with.</summary>
    public string ModelVersion => (Volatile.Read(ref _pending) ?? Volatile.Read(ref _current)).Version;

    /// <summary>Forward passes run so far.</summary>
    public long BatchesRun => Interlocked.Read(ref _batches);

    /// <summary>Embeds k segments.</summary>
    /// <param name="segments">[k, frames, mel] mel power, row-major, k &gt;= 1, with the model's frames and mel bands.</param>
    /// <exception cref="ArgumentException">The length is not a whole number of the model's segments.</exception>
    /// <exception cref="ObjectDisposedException">The service was disposed.</exception>
    public Task<SegmentEmbeddings> EmbedAsync(float[] segments, CancellationToken cancellationToken)
    {
        var spec = (Volatile.Read(ref _pending) ?? Volatile.Read(ref _current)).Network.Spec;
        var size = spec.SegmentFrames * spec.MelBands;
        if (segments.Length == 0 || segments.Length % size != 0)
            throw new ArgumentException($"Expected k x {spec.SegmentFrames} x {spec.MelBands} values with k >= 1, got {segments.Length}.", nameof(segments));
        var completion = new TaskCompletionSource<SegmentEmbeddings>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_requests.Writer.TryWrite(new Request(segments, segments.Length / size, completion, cancellationToken)))
            throw new ObjectDisposedException(nameof(EmbeddingService));
        return completion.Task;
    }

    /// <summary>Serves <paramref name="network"/> as <paramref name="version"/> from the next batch on; the old model is disposed.</summary>
    public void SwapModel(EmbeddingNetwork network, string version) =>
        Interlocked.Exchange(ref _pending, new ModelSlot(network, version))?.Network.Dispose();

    /// <summary>Finishes the queued requests, stops the loop and disposes the model.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_requests.Writer.TryComplete()) return;
        await _loop;
        Interlocked.Exchange(ref _pending, null)?.Network.Dispose();
        _current.Network.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _requests.Reader;
        Request? carried = null;
        while (carried is not null || await reader.WaitToReadAsync())
        {
            var batch = new List<Request>();
            int total = 0;
            if (carried is not null || reader.TryRead(out carried))
            {
                batch.Add(carried);
                total = carried.Count;
                carried = null;
            }
            using (var wait = new CancellationTokenSource(_options.MaxWait))
            {
                while (total < _options.MaxBatchSegments)
                {
                    if (reader.TryRead(out var next))
                    {
                        if (total + next.Count > _options.MaxBatchSegments)
                        {
                            carried = next;
                            break;
                        }
                        batch.Add(next);
                        total += next.Count;
                        continue;
                    }
                    try
                    {
                        if (!await reader.WaitToReadAsync(wait.Token)) break;
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
            if (batch.Count > 0) Run(batch);
        }
    }

    private void Run(List<Request> batch)
    {
        if (Interlocked.Exchange(ref _pending, null) is { } next)
        {
            _current.Network.Dispose();
            _current = Prepare(next);
        }
        var slot = _current;
        var spec = slot.Network.Spec;
        var size = spec.SegmentFrames * spec.MelBands;
        var live = new List<Request>(batch.Count);
        foreach (var request in batch)
        {
            if (request.CancellationToken.IsCancellationRequested) request.Completion.TrySetCanceled(request.CancellationToken);
            else if (request.Segments.Length != request.Count * size)
                request.Completion.TrySetException(new ArgumentException(
                    $"Model {slot.Version} takes segments of {spec.SegmentFrames} x {spec.MelBands}; the request was made for another model."));
            else live.Add(request);
        }
        if (live.Count == 0) return;

        try
        {
            int total = live.Sum(request => request.Count);
            if (_buffer.Length < total * size) _buffer = new float[total * size];
            int offset = 0;
            foreach (var request in live)
            {
                request.Segments.CopyTo(_buffer, offset);
                offset += request.Segments.Length;
            }
            var embeddings = Forward(slot.Network, total);
            int row = 0;
            foreach (var request in live)
            {
                var values = embeddings.AsSpan(row * spec.Dim, request.Count * spec.Dim).ToArray();
                row += request.Count;
                request.Completion.TrySetResult(new SegmentEmbeddings(slot.Version, spec.Kind, request.Count, spec.Dim, values));
            }
        }
        catch (Exception e)
        {
            foreach (var request in live) request.Completion.TrySetException(e);
        }
    }

    // Segments in _buffer, at most MaxBatchSegments per pass; returns [total, dim].
    private float[] Forward(EmbeddingNetwork network, int total)
    {
        var spec = network.Spec;
        var size = spec.SegmentFrames * spec.MelBands;
        var result = new float[total * spec.Dim];
        for (int start = 0; start < total; start += _options.MaxBatchSegments)
        {
            int count = Math.Min(_options.MaxBatchSegments, total - start);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var input = SegmentTensors.FromSpan(_buffer.AsSpan(start * size, count * size), count, spec.SegmentFrames, spec.MelBands).to(Device);
            network.Embed(input).cpu().data<float>().CopyTo(result.AsSpan(start * spec.Dim, count * spec.Dim));
            Interlocked.Increment(ref _batches);
        }
        return result;
    }

    private ModelSlot Prepare(ModelSlot slot)
    {
        slot.Network.to(Device);
        slot.Network.eval();
        return slot;
    }
}
