using BenchmarkDotNet.Attributes;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Sampling;
using Disambig.Embedding.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Benchmarks;

/// <summary>
/// One triplet training step (mining forward in evaluation mode, then forward, loss, backward and RMSProp update on
/// the kept triplets) of the Table 1 network on 9 s segments, N = 16 artists x n = 4 segments: 64 segments and
/// 96 triplets per step. Time per triplet of the batch.
/// </summary>
[WarmupCount(1)]
[IterationCount(4)]
public class TrainingBenchmarks
{
    public const int Artists = 16;
    public const int Samples = 4;

    private ArtistNet _network = null!;
    private TorchSharp.Modules.RMSProp _optimizer = null!;
    private Tensor _segments = null!;
    private TripletBatch _batch = null!;
    private TripletObjective _objective = null!;
    private long _step;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkSettings.Apply();
        _network = (ArtistNet)NetworkFactory.Create(NetworkSpec.PaperMetric(32, 388), seed: 1);
        _optimizer = optim.RMSProp(_network.parameters(), 1e-3, alpha: 0.9, eps: 1e-8);
        _segments = rand(Artists * Samples, 388, 128).DetachFromDisposeScope();
        var labels = new Data.SegmentLabels(
            Enumerable.Range(0, Artists * Samples).Select(s => s / Samples).ToArray(),
            Enumerable.Range(0, Artists).Select(a => new Data.ArtistInfo($"a{a}", [])).ToArray());
        _batch = new TripletBatchSampler(labels, new BatchShape(Artists, Samples), new RandomNegativeSelector()).Sample(new Random(1));
        _objective = new TripletObjective(_network, _optimizer, TripletLoss.PaperMargin);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _segments.Dispose();
        _optimizer.Dispose();
        _network.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Artists * Samples * (Samples - 1) / 2)]
    public int TripletStep() => _objective.Step(_segments, _batch, _step++).Kept;
}
