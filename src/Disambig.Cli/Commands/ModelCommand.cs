using System.CommandLine;
using System.Globalization;
using Disambig.Cli.Pipeline;
using Disambig.Embedding.Networks;

namespace Disambig.Cli.Commands;

/// <summary><c>disambig model describe</c>: each layer's output shape and parameter count, to check against Table 1.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var kind = new Option<string>("--kind") { Description = "metric (Table 1, triplet loss) or classifier (Park et al. baseline).", DefaultValueFactory = _ => "metric" };
        kind.AcceptOnlyFromAmong("metric", "classifier");
        var dim = new Option<int>("--dim") { Description = "Embedding size d of the metric network: 32 or 256 (the classifier's is its 256-unit hidden layer).", DefaultValueFactory = _ => 32 };
        var seconds = new Option<int>("--segment-seconds") { Description = "Segment length: 9 (388 frames) or 3 (130 frames).", DefaultValueFactory = _ => 9 };
        var artists = new Option<int>("--artists") { Description = "Classifier only: training artists (outputs).", DefaultValueFactory = _ => 1000 };
        var describe = new Command("describe", "Print every layer's output shape and parameter count, and the totals.") { kind, dim, seconds, artists };
        describe.SetAction(parse => Describe(
            parse.GetRequiredValue(kind) == "classifier" ? NetworkKind.Classifier : NetworkKind.Metric,
            parse.GetValue(dim), parse.GetValue(seconds), parse.GetValue(artists), Console.Out));
        var model = new Command("model", "The embedding networks, and the cluster's registered models.") { describe };
        foreach (var command in ModelRegistryCommands.Create()) model.Subcommands.Add(command);
        return model;
    }

    /// <returns>0 after printing the description; 2 when an option is out of range.</returns>
    public static int Describe(NetworkKind kind, int dim, int segmentSeconds, int artists, TextWriter output)
    {
        if (segmentSeconds is not (9 or 3))
            return Fail(output, $"--segment-seconds must be 9 or 3, got {segmentSeconds}.");
        if (kind == NetworkKind.Metric && dim is not (32 or 256))
            return Fail(output, $"--dim must be 32 or 256, got {dim}.");
        if (kind == NetworkKind.Classifier && artists < 2)
            return Fail(output, $"--artists must be at least 2, got {artists}.");

        var frames = MelSettings.Paper.FramesFor(segmentSeconds);
        using EmbeddingNetwork network = kind == NetworkKind.Metric ? ArtistNet.Paper(dim, frames) : ArtistClassifier.Paper(frames, artists);
        var description = NetworkDescription.Of(network);
        var spec = description.Spec;
        var artistsNote = kind == NetworkKind.Classifier ? $", {spec.ArtistCount} artists" : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{network.GetType().Name} ({kind.ToString().ToLowerInvariant()}, d = {spec.Dim}, {segmentSeconds} s = {spec.SegmentFrames} frames x {spec.MelBands} mel bands{artistsNote})"));
        output.WriteLine($"{"layer",-20} {"output (without batch)",-24} {"parameters",12}");
        foreach (var layer in description.Layers)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{layer.Name,-20} {string.Join('x', layer.OutputShape),-24} {layer.Parameters,12:N0}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"total",-20} {"",-24} {description.TotalParameters,12:N0}"));
        return 0;
    }

    private static int Fail(TextWriter output, string message)
    {
        output.WriteLine($"error: {message}");
        return 2;
    }
}
