namespace Disambig.Build.Tests;

/// <summary>A portable build on Linux carries the linux-x64 native libraries only, not libtorch for every platform.</summary>
public sealed class NativeAssetsFootprintTests
{
    private static string RuntimesFolder => Path.Combine(AppContext.BaseDirectory, "runtimes");

    [Fact]
    public void OutputFolder_AfterBuild_HoldsOnlyLinuxNativeAssets()
    {
        var platforms = Directory.GetDirectories(RuntimesFolder).Select(path => new DirectoryInfo(path).Name).Order().ToArray();

        Assert.Equal(["linux-x64"], platforms);
        Assert.True(File.Exists(Path.Combine(RuntimesFolder, "linux-x64", "native", "libtorch_cpu.so")));
    }
}
