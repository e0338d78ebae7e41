using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Networks;

/// <summary>
/// Moves mel segments between managed memory and tensors in bulk: one memory copy over the tensor's storage
/// (<see cref="Tensor.bytes"/>), never per-element accessors (<c>data&lt;float&gt;().CopyFrom</c> ran at about
/// 180 MB/s; a bulk copy runs at memory speed). The tensors are new or reused, so callers' buffers can be reused at once.
/// </summary>
public static class SegmentTensors
{
    /// <param name="values">[count, frames, melBands] row-major</param>
    /// <returns>A new float32 CPU tensor [count, frames, melBands].</returns>
    public static Tensor FromSpan(ReadOnlySpan<float> values, int count, int frames, int melBands)
    {
        if (values.Length != (long)count * frames * melBands)
            throw new ArgumentException($"{values.Length} values do not hold {count} segments of {frames} x {melBands}.", nameof(values));
        var result = empty(count, frames, melBands, float32);
        CopyInto(values, result);
        return result;
    }

    /// <summary>Copies <paramref name="values"/> into a contiguous CPU tensor of as many elements of type T (float32 or float16).</summary>
    public static void CopyInto<T>(ReadOnlySpan<T> values, Tensor destination) where T : unmanaged
    {
        var target = destination.bytes;
        var source = MemoryMarshal.AsBytes(values);
        if (source.Length != target.Length)
            throw new ArgumentException($"{source.Length} bytes do not fill a tensor of {target.Length} bytes [{string.Join(", ", destination.shape)}].", nameof(values));
        source.CopyTo(target);
    }

    /// <summary>The values of a contiguous float32 CPU tensor, copied in bulk into <paramref name="destination"/>.</summary>
    public static void CopyTo(Tensor source, Span<float> destination)
    {
        var values = MemoryMarshal.Cast<byte, float>(source.bytes);
        if (values.Length != destination.Length)
            throw new ArgumentException($"A tensor of {values.Length} values does not fill {destination.Length}.", nameof(destination));
        values.CopyTo(destination);
    }
}
