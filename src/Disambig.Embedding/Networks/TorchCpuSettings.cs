using System.Runtime.InteropServices;

namespace Disambig.Embedding.Networks;

/// <summary>
/// Process-wide settings that must be in place before libtorch runs its first convolution.
/// On this project's AVX-512 machines (AMD EPYC under Firecracker), oneDNN's AVX-512 kernels for the convolution
/// input gradient intermittently return NaN or wrong values (forward passes are correct); capping oneDNN at AVX2
/// makes them exact. The cap is set through the native environment, which oneDNN reads once, unless the operator
/// has chosen a value (e.g. <c>ONEDNN_MAX_CPU_ISA=ALL</c> for an inference-only process).
/// </summary>
public static partial class TorchCpuSettings
{
    /// <summary>The oneDNN variable that caps the instruction set of its kernels.</summary>
    public const string IsaVariable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The cap applied when the variable is unset.</summary>
    public const string SafeIsa = "AVX2";

    private static int _applied;

    /// <summary>Idempotent; called before any network is built.</summary>
    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1 || !OperatingSystem.IsLinux()) return;
        if (Environment.GetEnvironmentVariable(IsaVariable) is { Length: > 0 }) return;
        // .NET keeps its own copy of the environment; native code only sees what setenv writes.
        if (SetNativeEnvironment(IsaVariable, SafeIsa, overwrite: 0) == 0) Environment.SetEnvironmentVariable(IsaVariable, SafeIsa);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite);
}
