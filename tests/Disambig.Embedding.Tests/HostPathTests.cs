using Disambig.Embedding.Devices;
using Disambig.Embedding.Inference;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Tests;

/// <summary>The bulk host path, batching independence, float16 input and the device choices, all on the CPU.</summary>
public sealed class HostPathTests
{
    private const int Size = SyntheticCatalog.Frames * SyntheticCatalog.MelBands;

    private static float[] Segments(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count * Size).Select(_ => (float)(random.NextDouble() * 10)).ToArray();
    }

    // The copy path before the bulk one: the tensor filled through its element accessor.
    private static Tensor PerElementCopy(float[] values, int count)
    {
        var result = empty(count, SyntheticCatalog.Frames, SyntheticCatalog.MelBands, float32);
        result.data<float>().CopyFrom(values);
        return result;
    }

    private static float[] Embed(EmbeddingNetwork network, Tensor input)
    {
        using var noGrad = no_grad();
        network.eval();
        return network.Embed(input).data<float>().ToArray();
    }

    [Fact]
    public void SegmentTensors_FromSpan_GivesBitwiseTheTensorAndEmbeddingsOfThePerElementCopy()
    {
        using var scope = NewDisposeScope();
        using var network = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2);
        var values = Segments(5, seed: 1);

        var bulk = SegmentTensors.FromSpan(values, 5, SyntheticCatalog.Frames, SyntheticCatalog.MelBands);
        var old = PerElementCopy(values, 5);

        Assert.Equal(old.shape, bulk.shape);
        Assert.Equal(old.dtype, bulk.dtype);
        Assert.Equal(old.data<float>().ToArray(), bulk.data<float>().ToArray());
        Assert.Equal(Embed(network, old), Embed(network, bulk));
    }

    [Fact]
    public void SegmentTensors_CopyInto_WrongLength_ThrowsNamingTheSizes()
    {
        using var tensor = empty(2, SyntheticCatalog.Frames, SyntheticCatalog.MelBands, float32);

        var error = Assert.Throws<ArgumentException>(() => SegmentTensors.CopyInto<float>(new float[Size], tensor));

        Assert.Contains($"{Size * 4} bytes", error.Message);
    }

    // libtorch picks its CPU kernels by batch size, so a segment's vector may differ in the last bits of float32 between
    // passes of different sizes (as with the per-element path before); passes of the same composition are bitwise equal.
    [Fact]
    public async Task EmbeddingService_SameInputs_GiveTheSameVectorsWhateverTheBatching()
    {
        var requests = Enumerable.Range(0, 12).Select(i => Segments(1 + i % 4, seed: 10 + i)).ToArray();
        float[][]? expected = null;
        foreach (var largest in new[] { 1, 3, 7, 64 })
        {
            await using var service = new EmbeddingService(NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2), "v1",
                new EmbeddingServiceOptions { MaxBatchSegments = largest, MaxWait = TimeSpan.FromMilliseconds(10) });
            var results = await Task.WhenAll(requests.Select(r => Task.Run(() => service.EmbedAsync(r, CancellationToken.None))));

            var vectors = results.Select(r => r.Values).ToArray();
            expected ??= vectors;
            for (int i = 0; i < requests.Length; i++) AssertWithinRounding(expected[i], vectors[i]);
        }
        using var reference = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2);
        using var scope = NewDisposeScope();
        // Largest pass 1: each pass is one segment, so the service equals the old path's single-segment forward, bit for bit.
        Assert.Equal(Embed(reference, PerElementCopy(requests[0], 1)), expected![0]);
        Assert.Equal(Embed(reference, PerElementCopy(requests[4], 1)), expected[4]);
    }

    private static void AssertWithinRounding(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6, $"value {i}: {expected[i]} vs {actual[i]}");
    }

    [Fact]
    public async Task EmbeddingService_Float16Request_EqualsTheFloat32RequestOfTheSameRoundedValues()
    {
        var values = Segments(3, seed: 4);
        var halves = values.Select(v => (Half)v).ToArray();
        var rounded = halves.Select(h => (float)h).ToArray();
        await using var service = new EmbeddingService(NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2), "v1",
            new EmbeddingServiceOptions { MaxBatchSegments = 2, MaxWait = TimeSpan.FromMilliseconds(10) });

        var mixed = await Task.WhenAll(service.EmbedAsync(halves, CancellationToken.None), service.EmbedAsync(rounded, CancellationToken.None));

        Assert.Equal(3, mixed[0].Count);
        Assert.Equal(mixed[1].Values, mixed[0].Values);
        Assert.True(service.BatchesRun >= 4, "float16 and float32 requests never share a pass");
    }

    [Theory]
    [InlineData(ComputeDevice.Auto, false, DeviceType.CPU)]
    [InlineData(ComputeDevice.Auto, true, DeviceType.CUDA)]
    [InlineData(ComputeDevice.Cpu, true, DeviceType.CPU)]
    [InlineData(ComputeDevice.Cpu, false, DeviceType.CPU)]
    [InlineData(ComputeDevice.Cuda, true, DeviceType.CUDA)]
    public void ComputeDevices_Resolve_PicksTheDeviceForTheChoiceAndAvailability(ComputeDevice choice, bool cudaAvailable, DeviceType expected)
    {
        Assert.Equal(expected, ComputeDevices.Resolve(choice, cudaAvailable));
    }

    [Fact]
    public void ComputeDevices_Resolve_CudaWithoutGpu_ThrowsSayingSo()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ComputeDevices.Resolve(ComputeDevice.Cuda, cudaAvailable: false));

        Assert.Contains("CUDA was requested", error.Message);
    }

    [Fact]
    public void EmbeddingServiceOptions_MaxBatchSegmentsOn_DefaultsPerDeviceUnlessConfigured()
    {
        Assert.Equal(64, new EmbeddingServiceOptions().MaxBatchSegmentsOn(DeviceType.CPU));
        Assert.Equal(1024, new EmbeddingServiceOptions().MaxBatchSegmentsOn(DeviceType.CUDA));
        Assert.Equal(300, new EmbeddingServiceOptions { MaxBatchSegments = 300 }.MaxBatchSegmentsOn(DeviceType.CUDA));
        Assert.Equal(300, new EmbeddingServiceOptions { MaxBatchSegments = 300 }.MaxBatchSegmentsOn(DeviceType.CPU));
    }

    [Theory]
    [InlineData(0, ForwardPrecision.Float32, ComputeDevice.Auto, "MaxBatchSegments")]
    [InlineData(4097, ForwardPrecision.Float32, ComputeDevice.Auto, "MaxBatchSegments")]
    [InlineData(64, ForwardPrecision.Float16, ComputeDevice.Cpu, "CUDA only")]
    [InlineData(64, (ForwardPrecision)9, ComputeDevice.Auto, "Precision")]
    [InlineData(64, ForwardPrecision.Float32, (ComputeDevice)9, "Device")]
    public void EmbeddingServiceOptions_FindError_NamesTheSettingOutOfRange(int largest, ForwardPrecision precision, ComputeDevice device, string named)
    {
        var options = new EmbeddingServiceOptions { MaxBatchSegments = largest, Precision = precision, Device = device };

        Assert.Contains(named, options.FindError());
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate());
    }

    [Fact]
    public async Task EmbeddingService_OnThisCpuMachine_RunsOnTheCpuWithTheCpuDefaultBatch()
    {
        Assert.False(cuda.is_available(), "these CPU tests expect a CPU-only libtorch");
        await using var service = new EmbeddingService(NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2), "v1", new EmbeddingServiceOptions());

        Assert.Equal(DeviceType.CPU, service.Device.type);
        Assert.Equal(EmbeddingServiceOptions.CpuMaxBatchSegments, service.MaxBatchSegments);
    }

    [Fact]
    public void EmbeddingService_CudaOrHalfPrecisionWithoutGpu_ThrowsBeforeServing()
    {
        using var network = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2);

        Assert.Throws<InvalidOperationException>(() => new EmbeddingService(network, "v1", new EmbeddingServiceOptions { Device = ComputeDevice.Cuda }));
        Assert.Throws<InvalidOperationException>(() => new EmbeddingService(network, "v1", new EmbeddingServiceOptions { Precision = ForwardPrecision.BFloat16 }));
    }

    [Fact]
    public void EmbeddingTrainer_Device_AutoIsTheCpuHereAndCudaWithoutGpuThrows()
    {
        using var network = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2);
        var config = new TrainingConfig { MaxSteps = 1 };

        Assert.Equal(DeviceType.CPU, new EmbeddingTrainer(network, config, new EqualErrorRateMetric()).Device.type);
        Assert.Equal(DeviceType.CPU, new EmbeddingTrainer(network, config, new EqualErrorRateMetric(), ComputeDevice.Cpu).Device.type);
        Assert.Throws<InvalidOperationException>(() => new EmbeddingTrainer(network, config, new EqualErrorRateMetric(), ComputeDevice.Cuda));
    }
}
