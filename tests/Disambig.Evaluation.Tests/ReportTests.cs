using Disambig.Datasets.Recipes;
using Disambig.TestSupport;

namespace Disambig.Evaluation.Tests;

public sealed class ReportTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static EvaluationReport Sample() => new(
        new DateTimeOffset(2025, 11, 27, 12, 0, 0, TimeSpan.Zero),
        "/data/eval/catalog.jsonl",
        "sha256:0123456789abcdef0123456789abcdef",
        new SetSize(40, 800, 6.5),
        new SetSize(30, 400, 3.25),
        12,
        new Dictionary<string, string> { ["folds"] = "5" },
        [
            new ModelReport("balanced-ml32-a40", "/m/1", "v1", "metric", 32, 9, "sha256:aa",
                new TrainingSetSize("balanced-40/train", "balanced", 40, 4000, 10), new ClassificationResult(40, 600, 200, 0.815, 0.123, 0.9),
                new ClusteringResult(12, 30, 400, 5, 0.61, 0.66, 0.84, [0.8, 0.82, 0.84, 0.86, 0.9],
                    OneArtistNames: 40, MaxOneArtistSplitShare: 0.05, OneArtistSplitShare: 0.025, ExpectedCalibrationError: 0.083, FlaggedForReview: 1,
                    Reliability: [new(26, 0.4, 0.5), new(26, 0.8, 0.75)],
                    Names: [new("Group A", "homonym", ["a1", "a2"], 30, 0, 0.84, 2, 0.9, 0.8, 0.6, 0.7, true, false),
                        new("solo-7", "one-artist", ["solo-7"], 12, 1, 0.8, 2, 0, 0, 0.1, 0.3, false, true)])),
            new ModelReport("balanced-cl-a40", "/m/2", "v2", "classifier", 256, 9, "sha256:bb", null,
                new ClassificationResult(40, 600, 200, 0.7, 0.2, 3.1), null),
        ],
        [new SkippedTrack("trk-1", "Corrupt", "audio cannot be decoded")]);

    [Fact]
    public async Task Write_Report_WritesJsonThatReadsBackMarkdownAndFigures()
    {
        await Evaluator.WriteAsync(Sample(), _folder.Path, CancellationToken.None);

        var read = await EvaluationReport.ReadAsync(Path.Combine(_folder.Path, EvaluationReport.JsonFileName), CancellationToken.None);
        Assert.Equal(0.66, read.Models[0].Clustering!.MeanAmi);
        Assert.Equal(0.2, read.Models[1].Classification!.EqualErrorRate);
        Assert.Equal(4000, read.Models[0].TrainingSet!.Segments);
        Assert.Null(read.Models[1].Clustering);

        var markdown = await File.ReadAllTextAsync(Path.Combine(_folder.Path, EvaluationReport.MarkdownFileName));
        Assert.Contains("| balanced-ml32-a40 | 81.5 % | 12.3 % |", markdown);
        Assert.Contains("| homonym clustering | 12 | 30 | 400 | 3.25 |", markdown);
        Assert.Contains("trk-1", markdown);
        Assert.Contains("| 0.660 | 2.5 % of 40 | 0.083 | 1 |", markdown);
        Assert.Contains("| solo-7 | one-artist | 1 | 12 | 2 |", markdown);
        Assert.Equal("Group A", read.Models[0].Clustering!.Names![0].Name);
        Assert.True(read.Models[0].Clustering!.Names![1].FlaggedForReview);
        foreach (var figure in new[] { ReportFigures.EerFileName, ReportFigures.AccuracyFileName, ReportFigures.ClusteringFileName })
        {
            Assert.Contains($"]({figure})", markdown);
            var bytes = await File.ReadAllBytesAsync(Path.Combine(_folder.Path, figure));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
    }
}
