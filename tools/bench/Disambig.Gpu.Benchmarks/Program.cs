using System.Diagnostics;
using System.Globalization;
using Disambig.Embedding.Data;
using Disambig.Embedding.Devices;
using Disambig.Embedding.Inference;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Training;
using Disambig.Gpu.Benchmarks;
using TorchSharp;
using static TorchSharp.torch;

// The GPU benchmark of docs/benchmarks.md ("GPU"): the bare network, the EmbeddingService end to end, and training
// steps, on CUDA when available (or --device cpu|cuda), each line with its batch shape. --small for a CPU smoke run.
// See docs/benchmarks.md for the pack and run commands on the GPU machine.
GpuBenchOptions options;
try
{
    options = GpuBenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

var device = ComputeDevices.Resolve(options.Device);
var spec = NetworkSpec.PaperMetric(32, options.Frames) with { Channels = options.Channels };
var shape = $"{options.Frames}, {spec.MelBands}";
Console.WriteLine(Invariant($"TorchSharp {typeof(torch).Assembly.GetName().Version}, device {device}, {get_num_threads()} torch threads, network d = 32, channels {string.Join('/', spec.Channels)}, segments {options.Frames} x {spec.MelBands}"));

if (options.Sections.Contains("copy"))
{
    // The host copy into a tensor: the per-element accessor the service used before, and the bulk copy it uses now.
    foreach (var batch in options.BareBatches)
    {
        var values = new float[batch * options.Frames * spec.MelBands];
        new Random(1).NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        for (int i = 0; i < values.Length; i++) values[i] = float.IsFinite(values[i]) ? values[i] : 0;
        var (perElement, _) = Timed(() =>
        {
            using var tensor = empty(batch, options.Frames, spec.MelBands, float32);
            tensor.data<float>().CopyFrom(values);
            return 0;
        }, 1, options.Iterations);
        var (bulk, _) = Timed(() =>
        {
            using var tensor = SegmentTensors.FromSpan(values, batch, options.Frames, spec.MelBands);
            return 0;
        }, 1, options.Iterations);
        var megabytes = values.Length * 4 / 1e6;
        Console.WriteLine(Invariant($"host copy of [{batch}, {shape}] float32 ({megabytes:0.0} MB) into a tensor: per-element accessor {perElement * 1000,8:0.0} ms ({megabytes / perElement,7:0} MB/s), bulk {bulk * 1000,8:0.0} ms ({megabytes / bulk,7:0} MB/s)"));
    }
}

var bare = new Dictionary<int, double>();
if (options.Sections.Contains("bare"))
{
    using var network = NetworkFactory.Create(spec, seed: 1).MoveTo(device);
    network.eval();
    foreach (var batch in options.BareBatches)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = rand(batch, options.Frames, spec.MelBands, device: device);
        var (seconds, cpu) = Timed(() => network.Embed(input).sum().item<float>(), 2, options.Iterations);
        bare[batch] = batch / seconds;
        Console.WriteLine(Invariant($"bare network, input already on the device, fp32, batch [{batch}, {shape}]: {seconds * 1000,8:0.00} ms per batch, {batch / seconds,10:0} segments/s ({batch / cpu,8:0.0} segments per process CPU-second)"));
    }
}

if (options.Sections.Contains("service"))
{
    var size = options.Frames * spec.MelBands;
    var random = new Random(1);
    // A pool of distinct tracks (float16, as inference silos receive them), requested over and over.
    var tracks = Enumerable.Range(0, Math.Min(64, options.Concurrency)).Select(_ =>
        Enumerable.Range(0, options.TrackSegments * size).Select(_ => (float)(random.NextDouble() * 4)).ToArray()).ToArray();
    var halfTracks = tracks.Select(track => track.Select(v => (Half)v).ToArray()).ToArray();
    Func<EmbeddingService, int, Task> embed = options.HalfInput
        ? (service, index) => service.EmbedAsync(halfTracks[index % halfTracks.Length], CancellationToken.None)
        : (service, index) => service.EmbedAsync(tracks[index % tracks.Length], CancellationToken.None);
    var input = options.HalfInput ? "float16" : "float32";
    foreach (var largest in options.ServiceBatches)
    {
        await using var service = new EmbeddingService(NetworkFactory.Create(spec, seed: 1), "bench",
            new EmbeddingServiceOptions { Device = options.Device, MaxBatchSegments = largest });
        await RunTracksAsync(service, embed, Math.Min(options.Concurrency, 64));
        var requests = Math.Max(options.Concurrency, options.ServiceSegments / options.TrackSegments);
        var cpu = ProcessCpuSeconds();
        var clock = Stopwatch.StartNew();
        await RunTracksAsync(service, embed, requests);
        var segments = requests * options.TrackSegments;
        var rate = segments / clock.Elapsed.TotalSeconds;
        var cpuRate = segments / (ProcessCpuSeconds() - cpu);
        var versus = bare.TryGetValue(largest, out var reference) ? Invariant($", {rate / reference:0.00} of the bare network at this batch") : "";
        Console.WriteLine(Invariant($"service end to end, {input} tracks [{options.TrackSegments}, {shape}] in, {options.Concurrency} concurrent callers, MaxBatchSegments {largest} (passes [<= {largest}, {shape}]): {rate,10:0} segments/s{versus} ({cpuRate,8:0.0} segments per process CPU-second)"));
    }
}

if (options.Sections.Contains("training"))
{
    foreach (var (artists, samples) in options.TrainingShapes)
    {
        var (rate, kept) = await TrainingRateAsync(spec, options, artists, samples);
        var triplets = artists * samples * (samples - 1) / 2;
        Console.WriteLine(Invariant($"training N = {artists} x n = {samples}, batch [{artists * samples}, {shape}], {triplets} triplets per step: {rate,10:0.0} triplets/s ({kept:0.00} of them kept by mining)"));
    }
}
return 0;

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

// Wall and process CPU seconds per call; the call must end by reading a value back, so the device's queue is drained.
static (double Wall, double Cpu) Timed(Func<float> action, int warmups, int iterations)
{
    for (int i = 0; i < warmups; i++) action();
    var cpu = ProcessCpuSeconds();
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < iterations; i++) action();
    return (clock.Elapsed.TotalSeconds / iterations, (ProcessCpuSeconds() - cpu) / iterations);
}

static double ProcessCpuSeconds()
{
    using var process = Process.GetCurrentProcess();
    return process.TotalProcessorTime.TotalSeconds;
}

// `requests` track requests, from up to 256 concurrent callers that each loop until all are sent.
static async Task RunTracksAsync(EmbeddingService service, Func<EmbeddingService, int, Task> embed, int requests)
{
    int next = -1;
    var callers = Enumerable.Range(0, Math.Min(requests, 256)).Select(async _ =>
    {
        int index;
        while ((index = Interlocked.Increment(ref next)) < requests) await embed(service, index);
    });
    await Task.WhenAll(callers);
}

// Triplets per second of EmbeddingTrainer steps (batch read, upload, mining forward, training forward, loss, backward,
// RMSProp), timed between the progress reports of the first and last steps before the final validation.
static async Task<(double Rate, double Kept)> TrainingRateAsync(NetworkSpec spec, GpuBenchOptions options, int artists, int samples)
{
    var size = options.Frames * spec.MelBands;
    InMemorySegmentDataset Dataset(int artistCount, int perArtist, int seed)
    {
        var random = new Random(seed);
        var values = new float[artistCount * perArtist * size];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 4);
        var labels = new SegmentLabels(Enumerable.Range(0, artistCount * perArtist).Select(s => s / perArtist).ToArray(),
            Enumerable.Range(0, artistCount).Select(a => new ArtistInfo($"a{a}", [])).ToArray());
        return new InMemorySegmentDataset(values, options.Frames, spec.MelBands, labels);
    }
    var data = new DatasetSplit(Dataset(artists, samples * 2, 1), Dataset(4, 2, 2));
    using var network = NetworkFactory.Create(spec, seed: 1);
    var warmup = 2;
    var config = new TrainingConfig
    {
        ArtistsPerBatch = artists,
        SamplesPerArtist = samples,
        MaxSteps = warmup + options.TrainingSteps + 1,
        ValidationInterval = 1_000_000,
        MaxValidationSegments = 8,
    };
    var clock = new Stopwatch();
    var reports = new List<TrainingProgress>();
    var progress = new SynchronousProgress(report =>
    {
        reports.Add(report);
        if (report.Step == warmup) clock.Restart();
        else if (report.Step == warmup + options.TrainingSteps) clock.Stop();
    });
    await new EmbeddingTrainer(network, config, new EqualErrorRateMetric(), options.Device).TrainAsync(data, null, progress, CancellationToken.None);
    var measured = reports.Where(r => r.Step > warmup && r.Step <= warmup + options.TrainingSteps).ToList();
    var triplets = measured.Sum(r => r.Total);
    return (triplets / clock.Elapsed.TotalSeconds, measured.Sum(r => r.Kept) / (double)Math.Max(1, triplets));
}

internal sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
