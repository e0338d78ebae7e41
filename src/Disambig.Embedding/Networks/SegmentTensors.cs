using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Networks;

/// <summary>Copies mel segments from managed memory into a new tensor, so buffers can be reused at once.</summary>
public static class SegmentTensors
{
    /// <param name="values">[count, frames, melBands] row-major</param>
    /// <returns>A new float32 CPU tensor [count, frames, melBands].</returns>
    public static Tensor FromSpan(ReadOnlySpan<float> values, int count, int frames, int melBands)
    {
        if (values.Length != (long)count * frames * melBands)
            throw new ArgumentException($"{values.Length} values do not hold {count} segments of {frames} x {melBands}.", nameof(values));
        var result = empty(count, frames, melBands, float32);
        result.data<float>().CopyFrom(values);
        return result;
    }
}
