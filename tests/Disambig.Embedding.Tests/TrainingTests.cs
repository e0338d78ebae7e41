using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Data;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Sampling;
using Disambig.Embedding.Training;
using Disambig.Storage;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Disambig.Embedding.Tests;

public sealed class TrainingTests
{
    private static readonly TrainingConfig Quick = new()
    {
        ArtistsPerBatch = 6,
        SamplesPerArtist = 4,
        MaxSteps = 120,
        ValidationInterval = 40,
        Patience = 10,
        Seed = 4,
    };

    private static readonly ModelProvenance Provenance = new(MelSettings.Paper with { MelBands = SyntheticCatalog.MelBands }, 1, "test");

    private readonly ITestOutputHelper _output;

    public TrainingTests(ITestOutputHelper output)
    {
        _output = output;
        set_num_threads(1);
    }

    private static DatasetSplit Catalog(Func<int, string[]>? tags = null) =>
        DatasetSplit.HoldOutArtists(SyntheticCatalog.Create(artists: 16, segmentsPerArtist: 24, seed: 1, tags), 0.25, seed: 2);

    [Fact]
    public async Task EmbeddingTrainer_TrainAsync_SyntheticCatalog_DrivesValidationEerWellBelowHalf()
    {
        var data = Catalog();
        using var network = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 4);
        var metric = new EqualErrorRateMetric();
        var before = await new ValidationSet(data.Validation, 1000, 4).EvaluateAsync(network, metric, CancellationToken.None);
        var reports = new List<TrainingProgress>();

        var result = await new EmbeddingTrainer(network, Quick, metric).TrainAsync(data, null, new Recorder(reports), CancellationToken.None);

        _output.WriteLine($"EER before {before:0.###}, best {result.BestValidation:0.###} at step {result.BestStep}");
        Assert.Equal(120, result.Steps);
        Assert.True(result.BestValidation < 0.25, $"validation EER {result.BestValidation:0.###} (before training {before:0.###})");
        Assert.True(result.BestValidation < before);
        Assert.Equal(120, reports.Count);
        Assert.All(reports, r => Assert.Equal(6 * 4 * 3 / 2, r.Total));
        Assert.Contains(reports, r => r.KeptFraction < 0.5);
        Assert.Equal([40, 80, 120], reports.Where(r => r.Validation is not null).Select(r => r.Step));
        var after = await new ValidationSet(data.Validation, 1000, 4).EvaluateAsync(network, metric, CancellationToken.None);
        Assert.Equal(result.BestValidation, after, 6);
    }

    [Fact]
    public async Task EmbeddingTrainer_TrainAsync_SameSeedTwice_GivesIdenticalWeights()
    {
        var data = Catalog();
        var config = Quick with { MaxSteps = 20, ValidationInterval = 10 };

        using var first = await TrainAsync(data, config, store: null);
        using var second = await TrainAsync(data, config, store: null);

        AssertSameWeights(first, second);
    }

    [Fact]
    public async Task EmbeddingTrainer_TrainAsync_Augmented_IsReproducibleAndTrainsOnOtherSegments()
    {
        var data = Catalog();
        var config = Quick with { MaxSteps = 10, ValidationInterval = 10 };
        var augmented = config with { Augmentation = new MelAugmentation() };

        using var plain = await TrainAsync(data, config, store: null);
        using var first = await TrainAsync(data, augmented, store: null);
        using var second = await TrainAsync(data, augmented, store: null);

        AssertSameWeights(first, second);
        var largest = plain.state_dict().Zip(first.state_dict()).Max(pair => pair.First.Value.sub(pair.Second.Value).abs().max().item<float>());
        Assert.True(largest > 0, "augmented training gave the plain run's weights");
    }

    [Fact]
    public async Task EmbeddingTrainer_TrainAsync_ResumedAfterInterruption_EndsWithTheUninterruptedWeights()
    {
        var data = Catalog();
        var config = Quick with { MaxSteps = 20, ValidationInterval = 5 };
        using var folder = new TestFolder();
        var store = new LocalFolderBlobStore(folder.Path);

        using var uninterrupted = await TrainAsync(data, config, store: null);
        (await TrainAsync(data, config with { MaxSteps = 10 }, store)).Dispose();
        using var resumed = await TrainAsync(data, config, store);

        // Within float rounding, not bitwise: oneDNN's summation order follows buffer alignment, and restored
        // tensors land at other addresses than the ones they replace (observed: 6e-8 after 20 steps).
        AssertSameWeights(uninterrupted, resumed, tolerance: 1e-6f);
    }

    [Fact]
    public async Task EmbeddingTrainer_TrainAsync_ResumeWithOtherSettings_ThrowsMismatchAndLeavesWeightsAlone()
    {
        var data = Catalog();
        using var folder = new TestFolder();
        var store = new LocalFolderBlobStore(folder.Path);
        (await TrainAsync(data, Quick with { MaxSteps = 10, ValidationInterval = 10 }, store)).Dispose();
        using var network = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 9);
        var before = network.parameters().Select(p => p.detach().clone()).ToList();
        var trainer = new EmbeddingTrainer(network, Quick with { MaxSteps = 10, Margin = 0.3 }, new EqualErrorRateMetric());

        var error = await Assert.ThrowsAsync<CheckpointException>(() =>
            trainer.TrainAsync(data, new TrainingCheckpoints(store, Provenance), null, CancellationToken.None));

        Assert.Equal(CheckpointFailure.Mismatch, error.Reason);
        Assert.All(network.parameters().Zip(before), pair => Assert.True(pair.First.eq(pair.Second).all().item<bool>()));
    }

    [Fact]
    public async Task EmbeddingTrainer_TrainAsync_WithCheckpoints_SavesALoadableBestModel()
    {
        var data = Catalog();
        using var folder = new TestFolder();
        var checkpoints = new TrainingCheckpoints(new LocalFolderBlobStore(folder.Path), Provenance);
        using var network = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 4);

        var result = await new EmbeddingTrainer(network, Quick with { MaxSteps = 20, ValidationInterval = 10 }, new EqualErrorRateMetric())
            .TrainAsync(data, checkpoints, null, CancellationToken.None);
        using var best = await checkpoints.LoadBestAsync(CancellationToken.None);

        Assert.Equal(result.BestValidation, best.Metadata.Metrics["eer"]);
        Assert.Equal(result.BestStep, best.Metadata.Metrics["step"]);
        Assert.Equal(data.Training.Digest, best.Metadata.DatasetDigest);
        Assert.Equal(Quick with { MaxSteps = 20, ValidationInterval = 10 }, best.Metadata.Training);
        AssertSameWeights(network, best.Network);
    }

    [Fact]
    public async Task EmbeddingTrainer_TrainAsync_Classifier_LearnsEmbeddingThatSeparatesUnseenArtists()
    {
        var data = Catalog();
        using var network = NetworkFactory.Create(SyntheticCatalog.TinyClassifier(data.Training.Labels.ArtistCount), seed: 4);
        var reports = new List<TrainingProgress>();

        var result = await new EmbeddingTrainer(network, Quick with { MaxSteps = 60, ValidationInterval = 20 }, new EqualErrorRateMetric())
            .TrainAsync(data, null, new Recorder(reports), CancellationToken.None);

        _output.WriteLine($"classifier EER {result.BestValidation:0.###}, loss {reports[0].Loss:0.###} -> {reports[^1].Loss:0.###}");
        Assert.True(result.BestValidation < 0.3, $"validation EER {result.BestValidation:0.###}");
        Assert.True(reports.TakeLast(10).Average(r => r.Loss) < reports.Take(10).Average(r => r.Loss));
        Assert.All(reports, r => Assert.Null(r.MeanDistanceBetweenArtists));
    }

    [Fact]
    public async Task EmbeddingTrainer_TrainAsync_IdenticalSegments_StopsWithCollapseError()
    {
        var labels = new SegmentLabels(Enumerable.Range(0, 40).Select(s => s / 5).ToArray(), Enumerable.Range(0, 8).Select(a => new ArtistInfo($"a{a}", [])).ToArray());
        var flat = new InMemorySegmentDataset(new float[40 * SyntheticCatalog.Frames * SyntheticCatalog.MelBands], SyntheticCatalog.Frames, SyntheticCatalog.MelBands, labels);
        using var network = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 4);
        var reports = new List<TrainingProgress>();
        var config = Quick with { ArtistsPerBatch = 3, CollapsePatience = 5 };

        var error = await Assert.ThrowsAsync<EmbeddingCollapsedException>(() =>
            new EmbeddingTrainer(network, config, new EqualErrorRateMetric()).TrainAsync(DatasetSplit.HoldOutArtists(flat, 0.25, 1), null, new Recorder(reports), CancellationToken.None));

        Assert.Equal(5, error.Step);
        Assert.Equal(4, reports.Count);
        Assert.All(reports, r => Assert.Equal(CollapseState.Warning, r.Collapse));
    }

    [Fact]
    public async Task EmbeddingTrainer_TrainAsync_SideInformationHalf_ReportsSameTagNegatives()
    {
        var data = Catalog(tags: a => [a % 2 == 0 ? "rock" : "jazz"]);
        using var network = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 4);
        var reports = new List<TrainingProgress>();
        var config = Quick with { MaxSteps = 10, ValidationInterval = 10, SideInformationP = 0.5 };

        await new EmbeddingTrainer(network, config, new EqualErrorRateMetric()).TrainAsync(data, null, new Recorder(reports), CancellationToken.None);

        // 6 of the 12 training artists per batch: a plain negative shares the tag with probability 5/11;
        // with p = 0.5 about 0.5 + 0.5 x 5/11 = 0.73 of the negatives do.
        var share = reports.Sum(r => r.SameTagNegatives) / (double)reports.Sum(r => r.Total);
        Assert.InRange(share, 0.6, 0.85);
    }

    [Fact]
    public async Task EmbeddingTrainer_TrainAsync_PlateauingMetric_StopsEarlyWithBestWeights()
    {
        var data = Catalog();
        using var network = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 4);
        var metric = new ConstantAfterFirst();

        var result = await new EmbeddingTrainer(network, Quick with { MaxSteps = 100, ValidationInterval = 5, Patience = 2 }, metric)
            .TrainAsync(data, null, null, CancellationToken.None);

        Assert.Equal(TrainingStop.EarlyStopping, result.Stop);
        Assert.Equal(15, result.Steps);
        Assert.Equal(5, result.BestStep);
        Assert.Equal(3, metric.Calls);
    }

    private static async Task<EmbeddingNetwork> TrainAsync(DatasetSplit data, TrainingConfig config, IBlobStore? store)
    {
        var network = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 4);
        var checkpoints = store is null ? null : new TrainingCheckpoints(store, Provenance);
        await new EmbeddingTrainer(network, config, new EqualErrorRateMetric()).TrainAsync(data, checkpoints, null, CancellationToken.None);
        return network;
    }

    private static void AssertSameWeights(EmbeddingNetwork expected, EmbeddingNetwork actual, float tolerance = 0f)
    {
        var pairs = expected.state_dict().Zip(actual.state_dict()).ToList();
        Assert.NotEmpty(pairs);
        Assert.All(pairs, pair =>
        {
            Assert.Equal(pair.First.Key, pair.Second.Key);
            var difference = pair.First.Value.sub(pair.Second.Value).abs().max().item<float>();
            Assert.True(difference <= tolerance, $"{pair.First.Key} differs by up to {difference}");
        });
    }

    private sealed class Recorder(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }

    /// <summary>0.5 at the first validation, 0.6 afterwards: the first weights stay the best.</summary>
    private sealed class ConstantAfterFirst : IValidationMetric
    {
        public int Calls { get; private set; }

        public string Name => "test";

        public double Evaluate(ValidationEmbeddings validation) => ++Calls == 1 ? 0.5 : 0.6;
    }
}
