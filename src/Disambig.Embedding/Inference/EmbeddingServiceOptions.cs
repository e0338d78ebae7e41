using Disambig.Embedding.Devices;
using TorchSharp;

namespace Disambig.Embedding.Inference;

/// <summary>The element type of <see cref="EmbeddingService"/>'s forward passes.</summary>
public enum ForwardPrecision
{
    /// <summary>float32 (the default, and the only choice on the CPU).</summary>
    Float32,

    /// <summary>float16 weights and activations (CUDA only; unmeasured, see docs/model.md).</summary>
    Float16,

    /// <summary>bfloat16 weights and activations (CUDA only; unmeasured, see docs/model.md).</summary>
    BFloat16,
}

/// <summary>Where and how <see cref="EmbeddingService"/> runs and groups requests into forward passes.</summary>
public sealed class EmbeddingServiceOptions
{
    /// <summary>Largest pass on the CPU when none is configured: the best measured on the CPU (docs/benchmarks.md).</summary>
    public const int CpuMaxBatchSegments = 64;

    /// <summary>Largest pass on a GPU when none is configured (the bare network's throughput is flat from 1 024 on an H200).</summary>
    public const int CudaMaxBatchSegments = 1024;

    /// <summary>Where the passes run. Default <see cref="ComputeDevice.Auto"/> (CUDA when available).</summary>
    public ComputeDevice Device { get; set; } = ComputeDevice.Auto;

    /// <summary>Most segments per forward pass, 1 to 4096; unset: 64 on the CPU, 1024 on CUDA. A larger request runs in several passes.</summary>
    public int? MaxBatchSegments { get; set; }

    /// <summary>How long a batch waits for more requests after its first one arrived. Default 5 ms; 0 to 1 s.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Element type of the forward passes. Default float32; the others only on CUDA.</summary>
    public ForwardPrecision Precision { get; set; } = ForwardPrecision.Float32;

    /// <summary>The largest pass on <paramref name="device"/>: the configured one, or the device's default.</summary>
    public int MaxBatchSegmentsOn(DeviceType device) =>
        MaxBatchSegments ?? (device == DeviceType.CUDA ? CudaMaxBatchSegments : CpuMaxBatchSegments);

    /// <summary>The first setting out of range, described; null when all are valid.</summary>
    public string? FindError()
    {
        if (MaxBatchSegments is < 1 or > 4096) return $"MaxBatchSegments must be in [1, 4096], got {MaxBatchSegments}.";
        if (MaxWait < TimeSpan.Zero || MaxWait > TimeSpan.FromSeconds(1)) return $"MaxWait must be in [0, 1 s], got {MaxWait}.";
        if (!Enum.IsDefined(Device)) return $"Device must be Auto, Cpu or Cuda, got {Device}.";
        if (!Enum.IsDefined(Precision)) return $"Precision must be Float32, Float16 or BFloat16, got {Precision}.";
        if (Precision != ForwardPrecision.Float32 && Device == ComputeDevice.Cpu) return $"Precision {Precision} runs on CUDA only; the device is Cpu.";
        return null;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public EmbeddingServiceOptions Validate()
    {
        if (FindError() is { } error) throw new ArgumentOutOfRangeException(null, error);
        return this;
    }
}
