using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Networks.Layers;

/// <summary>
/// Where a network's dropout layers draw their noise: on the CPU, from the network's own generator (reproducible
/// even while other code in the process draws random numbers); on CUDA, on the device itself from the device's
/// generator, seeded by <see cref="Seed"/>, so no noise tensor crosses the bus. TorchSharp 0.107 can only create CPU
/// generators (its native <c>THSGenerator_new</c> ignores the device), hence the device's default generator on CUDA:
/// a CUDA training run is reproducible as long as nothing else in the process draws on that GPU during it.
/// </summary>
public sealed class NoiseSource : IDisposable
{
    private readonly Generator _cpu = new(0, CPU);

    /// <summary>The device the noise is drawn on (the network's device); CPU until <see cref="MoveTo"/>.</summary>
    public Device Device { get; private set; } = CPU;

    /// <summary>The CPU generator (used while <see cref="Device"/> is the CPU).</summary>
    public Generator Cpu => _cpu;

    /// <summary>Draws on <paramref name="device"/> from now on.</summary>
    public void MoveTo(Device device) => Device = device;

    /// <summary>Restarts the noise of the current device from <paramref name="seed"/>.</summary>
    public void Seed(long seed)
    {
        if (Device.type == DeviceType.CUDA) cuda.manual_seed(seed);
        else _cpu.manual_seed(seed);
    }

    /// <summary>A mask of ones with probability <paramref name="keep"/>, zeros otherwise, on <see cref="Device"/>.</summary>
    public Tensor Bernoulli(long[] shape, double keep)
    {
        using var scope = NewDisposeScope();
        var mask = Device.type == DeviceType.CUDA
            ? full(shape, keep, device: Device).bernoulli()
            : full(shape, keep).bernoulli(_cpu);
        return mask.MoveToOuterDisposeScope();
    }

    /// <summary>Standard normal noise on <see cref="Device"/>.</summary>
    public Tensor Normal(long[] shape) =>
        Device.type == DeviceType.CUDA ? randn(shape, device: Device) : randn(shape, generator: _cpu);

    public void Dispose() => _cpu.Dispose();
}
