using Disambig.Clustering.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Training;

/// <summary>Embeddings of the validation segments and their artists.</summary>
/// <param name="Values">[Count, Dim] row-major.</param>
public sealed record ValidationEmbeddings(float[] Values, int Dim, IReadOnlyList<int> Artists)
{
    public int Count => Artists.Count;

    /// <summary>Euclidean distances of every pair: same artist (genuine) and different artists (impostor).</summary>
    public (double[] Genuine, double[] Impostor) PairDistances()
    {
        using var scope = NewDisposeScope();
        var squared = EmbeddingDistances.Squared(tensor(Values, [Count, Dim]));
        var genuine = new List<double>();
        var impostor = new List<double>();
        for (int i = 0; i < Count; i++)
        {
            for (int j = i + 1; j < Count; j++)
            {
                (Artists[i] == Artists[j] ? genuine : impostor).Add(Math.Sqrt(squared[i * Count + j]));
            }
        }
        return (genuine.ToArray(), impostor.ToArray());
    }
}

/// <summary>What early stopping minimises; lower is better.</summary>
public interface IValidationMetric
{
    /// <summary>Short name for progress lines and checkpoint metrics (e.g. "eer").</summary>
    string Name { get; }

    double Evaluate(ValidationEmbeddings validation);
}

/// <summary>Equal error rate of the verification task of section 4.1.1 on segment pairs, in [0, 1].</summary>
public sealed class EqualErrorRateMetric : IValidationMetric
{
    public string Name => "eer";

    public double Evaluate(ValidationEmbeddings validation)
    {
        var (genuine, impostor) = validation.PairDistances();
        return EqualErrorRate.Compute(genuine, impostor).Rate;
    }
}
