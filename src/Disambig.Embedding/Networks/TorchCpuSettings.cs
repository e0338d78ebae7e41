using System.Runtime.InteropServices;

namespace Disambig.Embedding.Networks;

/// <summary>
/// Process-wide settings that must be in place before libtorch runs its first convolution.
/// <list type="bullet">
/// <item>On this project's AVX-512 machines (AMD EPYC under Firecracker), oneDNN's AVX-512 kernels for the convolution
/// input gradient intermittently return NaN or wrong values (forward passes are correct); capping oneDNN at AVX2
/// makes them exact. The cap is set through the native environment, which oneDNN reads once, unless the operator
/// has chosen a value (e.g. <c>ONEDNN_MAX_CPU_ISA=ALL</c> for an inference-only process).</item>
/// <item>glibc serves allocations above its mmap threshold with fresh pages, and every forward pass allocates
/// activations of megabytes (200 MB per layer at 64 segments of 9 s); faulting those pages in made inference and
/// training 4 to 7 times slower here. Raising the mmap and trim thresholds lets freed activations be reused from
/// the heap, unless the operator set <c>MALLOC_MMAP_THRESHOLD_</c>.</item>
/// </list>
/// </summary>
public static partial class TorchCpuSettings
{
    /// <summary>The oneDNN variable that caps the instruction set of its kernels.</summary>
    public const string IsaVariable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The cap applied when the variable is unset.</summary>
    public const string SafeIsa = "AVX2";

    /// <summary>Allocations up to this size come from the heap and are reused (1 GiB).</summary>
    public const int MmapThresholdBytes = 1 << 30;

    private const int MallocTrimThreshold = -1;
    private const int MallocMmapThreshold = -3;

    private static int _applied;

    /// <summary>Idempotent; called before any network is built.</summary>
    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1 || !OperatingSystem.IsLinux()) return;
        // .NET keeps its own copy of the environment; native code only sees what setenv writes.
        if (Environment.GetEnvironmentVariable(IsaVariable) is not { Length: > 0 }
            && SetNativeEnvironment(IsaVariable, SafeIsa, overwrite: 0) == 0)
        {
            Environment.SetEnvironmentVariable(IsaVariable, SafeIsa);
        }
        if (Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not { Length: > 0 })
        {
            // An unreachable trim threshold keeps freed activations in the heap for the next pass.
            MallocOption(MallocMmapThreshold, MmapThresholdBytes);
            MallocOption(MallocTrimThreshold, int.MaxValue);
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallocOption(int parameter, int value);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite);
}
