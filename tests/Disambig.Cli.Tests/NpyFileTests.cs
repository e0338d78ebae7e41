using System.Text;
using Disambig.Cli.IO;

namespace Disambig.Cli.Tests;

public sealed class NpyFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("disambig-npy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WriteFloat32_ThenRead_RoundTripsShapeAndValues()
    {
        var path = Path.Combine(_folder, "a.npy");
        var values = Enumerable.Range(0, 24).Select(i => i * 0.5f - 3f).ToArray();
        NpyFile.WriteFloat32(path, values, 2, 3, 4);
        var read = NpyFile.ReadFloat32(path);
        Assert.Equal(new[] { 2, 3, 4 }, read.Shape);
        Assert.Equal(values, read.Data);
    }

    [Fact]
    public void WriteFloat64_HeaderIsWhatNumPyExpects()
    {
        var path = Path.Combine(_folder, "b.npy");
        NpyFile.WriteFloat64(path, new[] { 1.0, 2.0, 3.0 }, 3);
        var bytes = File.ReadAllBytes(path);
        int headerLength = bytes[8] | (bytes[9] << 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = Encoding.Latin1.GetString(bytes, 10, headerLength);
        Assert.StartsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", header);
        Assert.EndsWith("\n", header);
        Assert.Equal(10 + headerLength + 3 * 8, bytes.Length);
        Assert.Equal(new[] { 1f, 2f, 3f }, NpyFile.ReadFloat32(path).Data);
    }

    [Fact]
    public void ReadFloat32_NotAnNpyFile_NamesTheFile()
    {
        var path = Path.Combine(_folder, "text.npy");
        File.WriteAllText(path, "just text");
        var error = Assert.Throws<InvalidDataException>(() => NpyFile.ReadFloat32(path));
        Assert.Contains(path, error.Message);
    }
}
