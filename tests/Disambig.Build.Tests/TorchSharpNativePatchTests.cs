namespace Disambig.Build.Tests;

/// <summary>The build marks TorchSharp's GLIBCXX_3.4.32 requirement weak in output copies only.</summary>
public sealed class TorchSharpNativePatchTests
{
    private const string Version = "GLIBCXX_3.4.32";
    private const ushort Weak = 0x2;

    private static string OutputCopy => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    private static string PackageCacheCopy
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    private static bool SystemDefinesVersion =>
        ElfVersions.FindSystemLibStdCxx() is { } lib && ElfVersions.DefinesVersion(lib, Version);

    [Fact]
    public void OutputCopy_AfterBuild_HasRequirementWeakExactlyWhenSystemLacksIt()
    {
        var need = Assert.Single(ElfVersions.VersionNeeds(OutputCopy), n => n.Name == Version);
        Assert.Equal(!SystemDefinesVersion, (need.Flags & Weak) != 0);
    }

    [Fact]
    public void PackageCacheCopy_AfterBuild_IsUnchanged()
    {
        var need = Assert.Single(ElfVersions.VersionNeeds(PackageCacheCopy), n => n.Name == Version);
        Assert.Equal(0, need.Flags & Weak);
    }

    [Fact]
    public void MarkNeedWeak_RunTwice_ChangesOnlyTheFlagOnce()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"torchsharp-{Guid.NewGuid():N}.so");
        File.Copy(PackageCacheCopy, copy);
        try
        {
            var original = File.ReadAllBytes(copy);
            Assert.Equal(WeakenOutcome.Marked, ElfVersions.MarkNeedWeak(copy, Version));
            var once = File.ReadAllBytes(copy);
            Assert.Equal(WeakenOutcome.AlreadyWeak, ElfVersions.MarkNeedWeak(copy, Version));
            Assert.Equal(once, File.ReadAllBytes(copy));

            var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != once[i]).ToList();
            Assert.Single(changed);
            Assert.Equal(original[changed[0]] | Weak, once[changed[0]]);
            Assert.All(ElfVersions.VersionNeeds(copy).Where(n => n.Name != Version), n => Assert.Equal(0, n.Flags & Weak));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void MarkNeedWeak_VersionNotRequired_LeavesFileAlone()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"torchsharp-{Guid.NewGuid():N}.so");
        File.Copy(PackageCacheCopy, copy);
        try
        {
            var before = File.ReadAllBytes(copy);
            Assert.Equal(WeakenOutcome.NotRequired, ElfVersions.MarkNeedWeak(copy, "GLIBCXX_99.0"));
            Assert.Equal(before, File.ReadAllBytes(copy));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void MarkNeedWeak_NotAnElfFile_ThrowsNamingTheFile()
    {
        var text = Path.Combine(Path.GetTempPath(), $"not-elf-{Guid.NewGuid():N}.so");
        File.WriteAllText(text, "hello, not a shared object");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => ElfVersions.MarkNeedWeak(text, Version));
            Assert.Contains(text, error.Message);
        }
        finally
        {
            File.Delete(text);
        }
    }
}
