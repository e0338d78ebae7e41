using BenchmarkDotNet.Attributes;
using Disambig.Embedding.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Benchmarks;

/// <summary>
/// Forward passes of the Table 1 network (d = 32, 9 s = 388 x 128) in evaluation mode without gradients, one batch
/// per invocation; segments per second = Batch / mean time.
/// </summary>
public class InferenceBenchmarks
{
    private ArtistNet _network = null!;
    private Tensor _segments = null!;

    [Params(1, 16, 64)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkSettings.Apply();
        _network = ArtistNet.Paper(32, 388);
        _network.eval();
        manual_seed(1);
        _segments = rand(Batch, 388, 128).DetachFromDisposeScope();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _segments.Dispose();
        _network.Dispose();
    }

    [Benchmark]
    public float Forward()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return _network.Embed(_segments)[0, 0].item<float>();
    }
}
