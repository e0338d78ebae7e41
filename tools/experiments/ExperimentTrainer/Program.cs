using System.Globalization;
using Disambig.Datasets;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Data;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Training;
using Disambig.Storage;

// Usage: ExperimentTrainer --train DIR --validation DIR --kind metric|classifier --dim D --steps N --interval N
//        --artists-per-batch N --samples-per-artist N --seed S --out CHECKPOINT_DIR
// DIR: a prepared dataset folder (manifest.json, shards). The best weights go to CHECKPOINT_DIR (named by the version).
var options = args.Chunk(2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1]);
string Text(string name) => options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
int Number(string name) => int.Parse(Text(name), CultureInfo.InvariantCulture);

var output = Path.GetFullPath(Text("out"));
if (File.Exists(Path.Combine(output, ModelCheckpointStore.MetadataName)))
{
    Console.WriteLine($"{output} exists; kept.");
    return 0;
}
using var training = await OpenAsync(Text("train"));
using var validation = await OpenAsync(Text("validation"));
var kind = Enum.Parse<NetworkKind>(Text("kind"), ignoreCase: true);
var spec = kind == NetworkKind.Metric
    ? NetworkSpec.PaperMetric(Number("dim"), training.Frames)
    : NetworkSpec.PaperClassifier(training.Frames, training.Labels.ArtistCount);
var config = new TrainingConfig
{
    ArtistsPerBatch = Math.Min(Number("artists-per-batch"), training.Labels.ArtistCount),
    SamplesPerArtist = Number("samples-per-artist"),
    MaxSteps = Number("steps"),
    ValidationInterval = Number("interval"),
    Patience = 4,
    Seed = Number("seed"),
};
using var network = NetworkFactory.Create(spec, config.Seed);
var progress = new Progress<TrainingProgress>(p =>
{
    if (p.Validation is { } v) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {p.Step}: loss {p.Loss:0.####}, validation EER {v:0.###}"));
});
var result = await new EmbeddingTrainer(network, config, new EqualErrorRateMetric()).TrainAsync(new DatasetSplit(training, validation), null, progress, CancellationToken.None);
var segmentSeconds = (int)Math.Round((training.Frames - 1) * (double)MelSettings.Paper.HopSize / MelSettings.Paper.SampleRate);
var metrics = new Dictionary<string, double> { [result.MetricName] = result.BestValidation, ["step"] = result.BestStep };
var metadata = new ModelProvenance(MelSettings.Paper, segmentSeconds, GitRevision.Current()).Describe(
    Path.GetFileName(output), network.Spec, config, training.Digest, metrics, DateTimeOffset.UtcNow);
await new ModelCheckpointStore(new LocalFolderBlobStore(Path.GetDirectoryName(output)!)).SaveAsync(network, metadata, CancellationToken.None);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(output)}: best validation EER {result.BestValidation:0.###} at step {result.BestStep} of {result.Steps} ({result.Stop})."));
return 0;

static Task<ShardedSegmentDataset> OpenAsync(string folder) =>
    ShardedSegmentDataset.OpenAsync(new LocalFolderBlobStore(folder), "", Path.Combine(Path.GetTempPath(), "disambig-experiment-cache"), CancellationToken.None);
