using System.Globalization;
using System.Text;
using Disambig.Cli.Commands;
using Disambig.Cli.IO;

namespace Disambig.Cli.Tests;

public sealed class ClusterCommandTests : IDisposable
{
    // Three tight groups on a line (sizes 3, 2, 4), far apart relative to the threshold of 1.
    private static readonly float[][] Points =
    [
        [0f, 0f], [0.1f, 0f], [0f, 0.1f],
        [10f, 10f], [10.1f, 10f],
        [-10f, 5f], [-10.1f, 5f], [-10f, 5.1f], [-10.1f, 5.1f],
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("disambig-cluster-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Run_NpyEmbeddings_PrintsSizesAndWritesLinkageAndLabels()
    {
        var embeddings = WriteNpy(Points);
        var linkagePath = Path.Combine(_folder, "z.npy");
        var labelsPath = Path.Combine(_folder, "labels.txt");
        var output = new StringWriter();

        var exitCode = ClusterCommand.Run(embeddings, 1.0, linkagePath, labelsPath, output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Contains("3 clusters", output.ToString());
        var labels = File.ReadAllLines(labelsPath).Select(int.Parse).ToArray();
        Assert.Equal([1, 1, 1, 2, 2, 3, 3, 3, 3], Canonical(labels));
        var sizes = labels.GroupBy(l => l).Select(g => g.Count()).Order();
        Assert.Equal([2, 3, 4], sizes);
        var linkage = NpyFile.ReadFloat32(linkagePath);
        Assert.Equal([8, 4], linkage.Shape);
        Assert.Equal(9f, linkage.Data[^1]); // the root holds every vector
        Assert.Contains("'descr': '<f8'", Encoding.Latin1.GetString(File.ReadAllBytes(linkagePath), 0, 64));
    }

    [Fact]
    public void Run_CsvWithHeader_GivesSameLabelsAsNpy()
    {
        var csv = Path.Combine(_folder, "e.csv");
        File.WriteAllLines(csv, Points.Select(p => string.Join(",", p.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Prepend("x,y"));
        var fromCsv = Path.Combine(_folder, "csv-labels.txt");
        var fromNpy = Path.Combine(_folder, "npy-labels.txt");

        Assert.Equal(0, ClusterCommand.Run(csv, 1.0, null, fromCsv, TextWriter.Null, CancellationToken.None));
        Assert.Equal(0, ClusterCommand.Run(WriteNpy(Points), 1.0, null, fromNpy, TextWriter.Null, CancellationToken.None));
        Assert.Equal(File.ReadAllLines(fromNpy), File.ReadAllLines(fromCsv));
    }

    [Fact]
    public void Run_MissingFile_FailsNamingTheFile()
    {
        var missing = Path.Combine(_folder, "missing.npy");

        var (exitCode, message) = RunCapturing(missing);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(missing, message);
    }

    [Fact]
    public void Run_RaggedCsv_FailsNamingFileAndLine()
    {
        var csv = Path.Combine(_folder, "ragged.csv");
        File.WriteAllLines(csv, ["1,2,3", "4,5,6", "7,8"]);

        var (exitCode, message) = RunCapturing(csv);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{csv}, line 3", message);
    }

    [Fact]
    public void Run_NaNInCsv_FailsNamingTheFile()
    {
        var csv = Path.Combine(_folder, "nan.csv");
        File.WriteAllLines(csv, ["1,2", "NaN,4"]);

        var (exitCode, message) = RunCapturing(csv);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(csv, message);
        Assert.Contains("NaN", message);
    }

    [Fact]
    public void Run_IntegerNpy_FailsNamingTheDtype()
    {
        var path = WriteNpy(Points);
        var bytes = File.ReadAllBytes(path);
        var header = Encoding.Latin1.GetString(bytes, 0, 64).Replace("<f4", "<i4", StringComparison.Ordinal);
        Encoding.Latin1.GetBytes(header).CopyTo(bytes, 0);
        File.WriteAllBytes(path, bytes);

        var (exitCode, message) = RunCapturing(path);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(path, message);
        Assert.Contains("<i4", message);
    }

    [Fact]
    public void Run_OneDimensionalNpy_FailsNamingTheShape()
    {
        var path = Path.Combine(_folder, "flat.npy");
        NpyFile.WriteFloat32(path, [1f, 2f, 3f], 3);

        var (exitCode, message) = RunCapturing(path);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{path}: expected a 2-D array", message);
    }

    [Fact]
    public void Run_NegativeThreshold_Fails()
    {
        Assert.NotEqual(0, ClusterCommand.Run(WriteNpy(Points), -1, null, null, TextWriter.Null, CancellationToken.None));
    }

    private (int ExitCode, string Output) RunCapturing(string embeddings)
    {
        var output = new StringWriter();
        var exitCode = ClusterCommand.Run(embeddings, 1.0, null, null, output, CancellationToken.None);
        return (exitCode, output.ToString());
    }

    private string WriteNpy(float[][] rows)
    {
        var path = Path.Combine(_folder, $"e{Guid.NewGuid():N}.npy");
        NpyFile.WriteFloat32(path, rows.SelectMany(r => r).ToArray(), rows.Length, rows[0].Length);
        return path;
    }

    private static int[] Canonical(int[] labels)
    {
        var map = new Dictionary<int, int>();
        return [.. labels.Select(l => map.TryGetValue(l, out var c) ? c : map[l] = map.Count + 1)];
    }
}
