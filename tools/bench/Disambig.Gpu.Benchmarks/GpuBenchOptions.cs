using System.Globalization;
using Disambig.Embedding.Devices;

namespace Disambig.Gpu.Benchmarks;

/// <summary>Command-line settings; <c>--small</c> gives sizes a CPU finishes in about a minute.</summary>
internal sealed record GpuBenchOptions
{
    public ComputeDevice Device { get; init; } = ComputeDevice.Auto;
    public int[] Channels { get; init; } = [16, 32, 64];
    public int Frames { get; init; } = 388;
    public int[] BareBatches { get; init; } = [64, 256, 1024, 2048];
    public int[] ServiceBatches { get; init; } = [256, 1024, 2048];
    public int ServiceSegments { get; init; } = 40_960;
    public int Concurrency { get; init; } = 256;
    public int TrackSegments { get; init; } = 10;
    public bool HalfInput { get; init; } = true;
    public (int Artists, int Samples)[] TrainingShapes { get; init; } = [(16, 4), (64, 16)];
    public int TrainingSteps { get; init; } = 20;
    public int Iterations { get; init; } = 20;
    public string[] Sections { get; init; } = ["copy", "bare", "service", "training"];

    public static GpuBenchOptions Small { get; } = new()
    {
        BareBatches = [16, 64],
        ServiceBatches = [64],
        ServiceSegments = 640,
        Concurrency = 16,
        TrainingShapes = [(4, 4)],
        TrainingSteps = 3,
        Iterations = 3,
    };

    public static GpuBenchOptions Parse(string[] args)
    {
        var options = args.Contains("--small") ? Small : new GpuBenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--small" => options,
                "--device" => options with { Device = Enum.Parse<ComputeDevice>(Next(), ignoreCase: true) },
                "--channels" => options with { Channels = Ints(Next()) },
                "--frames" => options with { Frames = Int(Next()) },
                "--bare-batches" => options with { BareBatches = Ints(Next()) },
                "--service-batches" => options with { ServiceBatches = Ints(Next()) },
                "--service-segments" => options with { ServiceSegments = Int(Next()) },
                "--concurrency" => options with { Concurrency = Int(Next()) },
                "--service-input" => options with { HalfInput = Next() switch { "float16" => true, "float32" => false, var other => throw new ArgumentException($"--service-input is float16 or float32, got {other}.") } },
                "--training" => options with { TrainingShapes = Next().Split(',').Select(Shape).ToArray() },
                "--training-steps" => options with { TrainingSteps = Int(Next()) },
                "--iterations" => options with { Iterations = Int(Next()) },
                "--sections" => options with { Sections = Next().Split(',') },
                _ => throw new ArgumentException($"Unknown argument {args[i]}."),
            };
        }
        return options;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static int[] Ints(string text) => text.Split(',').Select(Int).ToArray();

    private static (int, int) Shape(string text)
    {
        var parts = text.Split('x');
        return parts.Length == 2 ? (Int(parts[0]), Int(parts[1])) : throw new ArgumentException($"A training shape is NxN (artists x segments), got {text}.");
    }
}
