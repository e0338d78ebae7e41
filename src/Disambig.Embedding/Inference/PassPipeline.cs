using System.Runtime.InteropServices;
using Disambig.Embedding.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Inference;

/// <summary>One request's segments as the service holds them: float32 or float16 mel power, [Count, frames, mel].</summary>
internal sealed class PendingRequest(float[]? singles, Half[]? halves, int count, TaskCompletionSource<SegmentEmbeddings> completion, CancellationToken cancellationToken)
{
    public int Count { get; } = count;

    public TaskCompletionSource<SegmentEmbeddings> Completion { get; } = completion;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public ScalarType Type => singles is not null ? ScalarType.Float32 : ScalarType.Float16;

    public int Length => singles?.Length ?? halves!.Length;

    /// <summary>[Count, Dim] once every pass holding its segments completed.</summary>
    public float[] Result { get; set; } = [];

    public int Remaining { get; set; }

    public ReadOnlySpan<byte> Bytes(int first, int count, int size) => singles is not null
        ? MemoryMarshal.AsBytes(singles.AsSpan(first * size, count * size))
        : MemoryMarshal.AsBytes(halves!.AsSpan(first * size, count * size));
}

/// <summary>Segments [First, First + Count) of a request, placed in a forward pass.</summary>
internal readonly record struct PassSlice(PendingRequest Request, int First, int Count);

/// <summary>
/// Runs forward passes with bulk copies only: each pass's segments are copied straight from the requests into a
/// reused staging tensor (page-locked on CUDA), uploaded without blocking the host, converted to the forward
/// precision on the device, and the embeddings come back in one copy. On CUDA up to <c>depth</c> = 2 passes are in
/// flight: the host fills the next pass's staging buffer while the GPU runs the current one, and a pass's results
/// are read back (which waits for it) only when its buffer is needed again or nothing else is queued. On the CPU a
/// pass completes as it is submitted. Single-threaded: only the service's loop calls it.
/// </summary>
internal sealed class PassPipeline : IDisposable
{
    private sealed record InFlight(IReadOnlyList<PassSlice> Slices, Tensor Embeddings, string Version, Networks.NetworkKind Kind, int Dim);

    private readonly Device _device;
    private readonly ScalarType _forwardType;
    private readonly int _capacity;
    private readonly int _depth;
    private readonly Queue<InFlight> _inFlight = new();
    private readonly Dictionary<(ScalarType Type, int Slot), Tensor> _staging = [];
    private (int Frames, int Bands) _segmentShape;
    private long _submitted;

    public PassPipeline(Device device, ScalarType forwardType, int capacity)
    {
        _device = device;
        _forwardType = forwardType;
        _capacity = capacity;
        _depth = device.type == DeviceType.CUDA ? 2 : 1;
    }

    /// <summary>Passes whose results have not been read back yet.</summary>
    public int InFlightCount => _inFlight.Count;

    /// <summary>Passes submitted so far.</summary>
    public long Submitted => _submitted;

    /// <summary>Starts a forward pass over <paramref name="slices"/> (all of one element type, at most the capacity).</summary>
    public void Submit(EmbeddingNetwork network, string version, IReadOnlyList<PassSlice> slices)
    {
        if (_inFlight.Count == _depth) Complete(_inFlight.Dequeue());
        var spec = network.Spec;
        var size = spec.SegmentFrames * spec.MelBands;
        int count = slices.Sum(slice => slice.Count);
        try
        {
            var staging = StagingFor(slices[0].Request.Type, spec.SegmentFrames, spec.MelBands);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var input = staging.narrow(0, 0, count);
            var target = input.bytes;
            int offset = 0;
            foreach (var slice in slices)
            {
                var bytes = slice.Request.Bytes(slice.First, slice.Count, size);
                bytes.CopyTo(target[offset..]);
                offset += bytes.Length;
            }
            if (_device.type != DeviceType.CPU) input = input.to(_device, non_blocking: true);
            if (input.dtype != _forwardType) input = input.to(_forwardType);
            var embeddings = network.Embed(input);
            if (embeddings.dtype != ScalarType.Float32) embeddings = embeddings.to(ScalarType.Float32);
            _inFlight.Enqueue(new InFlight(slices, embeddings.DetachFromDisposeScope(), version, spec.Kind, spec.Dim));
            _submitted++;
        }
        catch (Exception e)
        {
            Fail(slices, e);
            // A failed pass may have queued an upload from its staging buffer: let it finish before the buffer is refilled.
            if (_device.type == DeviceType.CUDA) SettleDevice();
        }
        if (_depth == 1) Drain();
    }

    /// <summary>Reads back every pass in flight.</summary>
    public void Drain()
    {
        while (_inFlight.TryDequeue(out var pass)) Complete(pass);
    }

    public void Dispose()
    {
        Drain();
        foreach (var tensor in _staging.Values) tensor.Dispose();
        _staging.Clear();
    }

    private void Complete(InFlight pass)
    {
        using var embeddings = pass.Embeddings;
        try
        {
            using var scope = NewDisposeScope();
            var host = embeddings.cpu().contiguous();
            var values = MemoryMarshal.Cast<byte, float>(host.bytes);
            int row = 0;
            foreach (var slice in pass.Slices)
            {
                var request = slice.Request;
                values.Slice(row * pass.Dim, slice.Count * pass.Dim).CopyTo(request.Result.AsSpan(slice.First * pass.Dim));
                row += slice.Count;
                request.Remaining -= slice.Count;
                if (request.Remaining == 0)
                    request.Completion.TrySetResult(new SegmentEmbeddings(pass.Version, pass.Kind, request.Count, pass.Dim, request.Result));
            }
        }
        catch (Exception e)
        {
            Fail(pass.Slices, e);
        }
    }

    private void SettleDevice()
    {
        Drain();
        try
        {
            cuda.synchronize();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The device itself is failing; the next pass's requests get its error.
        }
    }

    private static void Fail(IReadOnlyList<PassSlice> slices, Exception e)
    {
        foreach (var slice in slices) slice.Request.Completion.TrySetException(e);
    }

    // Buffer of the slot the next pass uses; the pass that used it last was read back (Submit dequeues it first).
    private Tensor StagingFor(ScalarType type, int frames, int bands)
    {
        if (_segmentShape != (frames, bands))
        {
            Drain();
            foreach (var tensor in _staging.Values) tensor.Dispose();
            _staging.Clear();
            _segmentShape = (frames, bands);
        }
        var key = (type, (int)(_submitted % _depth));
        if (!_staging.TryGetValue(key, out var staging))
        {
            using var scope = NewDisposeScope();
            staging = empty(_capacity, frames, bands, type);
            if (_device.type == DeviceType.CUDA) staging = staging.pin_memory();
            _staging[key] = staging = staging.DetachFromDisposeScope();
        }
        return staging;
    }
}
