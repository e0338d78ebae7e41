using System.Threading.Channels;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Devices;
using Disambig.Embedding.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Inference;

/// <summary>
/// Serves many concurrent callers from one model: requests queue in a channel, a background loop gathers them into
/// batches (up to the largest pass, <see cref="MaxBatchSegments"/> segments, waiting at most
/// <see cref="EmbeddingServiceOptions.MaxWait"/>) and runs them in forward passes on <see cref="Device"/> (CUDA when
/// available unless configured otherwise). Mel power comes in as float32 or float16 and is copied in bulk into reused
/// staging tensors (page-locked on CUDA, where the next pass is copied while the current one runs; see
/// <see cref="PassPipeline"/>). <see cref="SwapModel"/> replaces the model between two batches; every result names
/// the version that computed it. The service owns the networks given to it. A segment's embedding does not depend on
/// how requests were batched.
/// </summary>
public sealed class EmbeddingService : IAsyncDisposable
{
    private sealed record ModelSlot(EmbeddingNetwork Network, string Version);

    private readonly EmbeddingServiceOptions _options;
    private readonly Channel<PendingRequest> _requests = Channel.CreateUnbounded<PendingRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PassPipeline _passes;
    private readonly ScalarType _forwardType;
    private readonly Task _loop;
    private ModelSlot _current;
    private ModelSlot? _pending;
    private long _batches;

    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">CUDA (or a reduced precision) was asked for where there is no GPU.</exception>
    public EmbeddingService(EmbeddingNetwork network, string modelVersion, EmbeddingServiceOptions options)
    {
        _options = options.Validate();
        Device = ComputeDevices.Resolve(options.Device);
        if (options.Precision != ForwardPrecision.Float32 && Device.type != DeviceType.CUDA)
            throw new InvalidOperationException($"Forward precision {options.Precision} runs on CUDA only; this service runs on the CPU.");
        _forwardType = options.Precision switch
        {
            ForwardPrecision.Float16 => ScalarType.Float16,
            ForwardPrecision.BFloat16 => ScalarType.BFloat16,
            _ => ScalarType.Float32,
        };
        MaxBatchSegments = options.MaxBatchSegmentsOn(Device.type);
        _passes = new PassPipeline(Device, _forwardType, MaxBatchSegments);
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

    /// <summary>Most segments per forward pass (configured, or the device's default).</summary>
    public int MaxBatchSegments { get; }

    /// <summary>The version new requests will be computed with.</summary>
    public string ModelVersion => (Volatile.Read(ref _pending) ?? Volatile.Read(ref _current)).Version;

    /// <summary>Forward passes run so far.</summary>
    public long BatchesRun => Interlocked.Read(ref _batches);

    /// <summary>Embeds k segments given as float32.</summary>
    /// <param name="segments">[k, frames, mel] mel power, row-major, k &gt;= 1, with the model's frames and mel bands.</param>
    /// <exception cref="ArgumentException">The length is not a whole number of the model's segments.</exception>
    /// <exception cref="ObjectDisposedException">The service was disposed.</exception>
    public Task<SegmentEmbeddings> EmbedAsync(float[] segments, CancellationToken cancellationToken) =>
        Enqueue(segments, null, segments.Length, cancellationToken);

    /// <summary>Embeds k segments given as float16 (half the bytes on the wire; converted to the forward precision on the device).</summary>
    /// <inheritdoc cref="EmbedAsync(float[], CancellationToken)"/>
    public Task<SegmentEmbeddings> EmbedAsync(Half[] segments, CancellationToken cancellationToken) =>
        Enqueue(null, segments, segments.Length, cancellationToken);

    /// <summary>Serves <paramref name="network"/> as <paramref name="version"/> from the next batch on; the old model is disposed.</summary>
    public void SwapModel(EmbeddingNetwork network, string version) =>
        Interlocked.Exchange(ref _pending, new ModelSlot(network, version))?.Network.Dispose();

    /// <summary>Finishes the queued requests, stops the loop and disposes the model.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_requests.Writer.TryComplete()) return;
        await _loop;
        _passes.Dispose();
        Interlocked.Exchange(ref _pending, null)?.Network.Dispose();
        _current.Network.Dispose();
    }

    private Task<SegmentEmbeddings> Enqueue(float[]? singles, Half[]? halves, int length, CancellationToken cancellationToken)
    {
        var spec = (Volatile.Read(ref _pending) ?? Volatile.Read(ref _current)).Network.Spec;
        var size = spec.SegmentFrames * spec.MelBands;
        if (length == 0 || length % size != 0)
            throw new ArgumentException($"Expected k x {spec.SegmentFrames} x {spec.MelBands} values with k >= 1, got {length}.", "segments");
        var completion = new TaskCompletionSource<SegmentEmbeddings>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_requests.Writer.TryWrite(new PendingRequest(singles, halves, length / size, completion, cancellationToken)))
            throw new ObjectDisposedException(nameof(EmbeddingService));
        return completion.Task;
    }

    private async Task RunAsync()
    {
        var reader = _requests.Reader;
        PendingRequest? carried = null;
        while (true)
        {
            if (carried is null && !reader.TryPeek(out _))
            {
                // Nothing queued: read back what is in flight before waiting.
                _passes.Drain();
                if (!await reader.WaitToReadAsync()) break;
            }
            var batch = new List<PendingRequest>();
            int total = 0;
            if (carried is not null || reader.TryRead(out carried))
            {
                batch.Add(carried);
                total = carried.Count;
                carried = null;
            }
            using (var wait = new CancellationTokenSource(_options.MaxWait))
            {
                while (total < MaxBatchSegments)
                {
                    if (reader.TryRead(out var next))
                    {
                        if (total + next.Count > MaxBatchSegments)
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
        _passes.Drain();
    }

    private void Run(List<PendingRequest> batch)
    {
        if (Interlocked.Exchange(ref _pending, null) is { } next)
        {
            _passes.Drain();
            _current.Network.Dispose();
            _current = Prepare(next);
        }
        var slot = _current;
        var spec = slot.Network.Spec;
        var size = spec.SegmentFrames * spec.MelBands;
        var live = new List<PendingRequest>(batch.Count);
        foreach (var request in batch)
        {
            if (request.CancellationToken.IsCancellationRequested) request.Completion.TrySetCanceled(request.CancellationToken);
            else if (request.Length != request.Count * size)
                request.Completion.TrySetException(new ArgumentException(
                    $"Model {slot.Version} takes segments of {spec.SegmentFrames} x {spec.MelBands}; the request was made for another model."));
            else
            {
                request.Result = new float[request.Count * spec.Dim];
                request.Remaining = request.Count;
                live.Add(request);
            }
        }
        // Passes hold one element type each: float32 requests first, then float16 ones, in arrival order.
        foreach (var type in new[] { ScalarType.Float32, ScalarType.Float16 })
        {
            var slices = new List<PassSlice>();
            int filled = 0;
            foreach (var request in live.Where(r => r.Type == type))
            {
                for (int first = 0; first < request.Count;)
                {
                    int take = Math.Min(MaxBatchSegments - filled, request.Count - first);
                    slices.Add(new PassSlice(request, first, take));
                    first += take;
                    filled += take;
                    if (filled == MaxBatchSegments)
                    {
                        Submit(slot, slices);
                        slices = [];
                        filled = 0;
                    }
                }
            }
            if (filled > 0) Submit(slot, slices);
        }
    }

    private void Submit(ModelSlot slot, List<PassSlice> slices)
    {
        _passes.Submit(slot.Network, slot.Version, slices);
        Interlocked.Increment(ref _batches);
    }

    private ModelSlot Prepare(ModelSlot slot)
    {
        slot.Network.MoveTo(Device);
        if (_forwardType != ScalarType.Float32) slot.Network.to(_forwardType);
        slot.Network.eval();
        return slot;
    }
}
