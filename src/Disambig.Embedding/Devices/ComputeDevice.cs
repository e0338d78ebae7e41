using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Devices;

/// <summary>Where a service or a trainer runs its tensors.</summary>
public enum ComputeDevice
{
    /// <summary>CUDA when libtorch has a GPU, the CPU otherwise.</summary>
    Auto,

    /// <summary>Always the CPU.</summary>
    Cpu,

    /// <summary>The first CUDA GPU; an error where libtorch has none.</summary>
    Cuda,
}

/// <summary>Turns a <see cref="ComputeDevice"/> choice into a torch device.</summary>
public static class ComputeDevices
{
    /// <summary>The device for <paramref name="choice"/> on this process's libtorch.</summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for and libtorch has no GPU.</exception>
    public static Device Resolve(ComputeDevice choice) =>
        Resolve(choice, cuda.is_available()) == DeviceType.CUDA ? CUDA : CPU;

    /// <summary>The device type for <paramref name="choice"/> when CUDA is or is not available (pure: testable on any machine).</summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for and <paramref name="cudaAvailable"/> is false.</exception>
    public static DeviceType Resolve(ComputeDevice choice, bool cudaAvailable) => choice switch
    {
        ComputeDevice.Auto => cudaAvailable ? DeviceType.CUDA : DeviceType.CPU,
        ComputeDevice.Cpu => DeviceType.CPU,
        ComputeDevice.Cuda => cudaAvailable ? DeviceType.CUDA : throw new InvalidOperationException(
            "CUDA was requested but libtorch has no GPU here (TorchSharp-cpu, or no CUDA device visible); use Auto or Cpu."),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Unknown compute device."),
    };
}
