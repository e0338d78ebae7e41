using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Training;

/// <summary>Pairwise squared Euclidean distances of embedding rows, computed by torch.</summary>
public static class EmbeddingDistances
{
    /// <param name="embeddings">[count, d]</param>
    /// <returns>[count, count] squared distances, row-major, on the CPU.</returns>
    public static float[] Squared(Tensor embeddings)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var rows = embeddings.detach().to(float64);
        var norms = rows.square().sum(1);
        // |a-b|² = |a|² + |b|² - 2 a·b in double precision, clamped at 0 against rounding.
        var distances = norms.unsqueeze(1).add(norms.unsqueeze(0)).sub(rows.matmul(rows.t()).mul(2)).clamp_min(0);
        return distances.to(float32).cpu().data<float>().ToArray();
    }
}
