using System.CommandLine;
using System.Globalization;
using Disambig.Audio;
using Disambig.Cli.IO;

namespace Disambig.Cli.Commands;

/// <summary>
/// <c>disambig features</c>: the log-free mel spectrogram the network sees, written as a NumPy float32 array: one
/// excerpt as [frames, 128], or the track's whole segment plan as [segments, frames, 128] (10 x 388 x 128).
/// </summary>
internal static class FeaturesCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Audio file (anything ffmpeg reads).", Required = true };
        var offset = new Option<double?>("--offset") { Description = "Start of one excerpt in seconds (default 0 when --duration is given)." };
        var duration = new Option<double?>("--duration") { Description = "Length of one excerpt in seconds (default one segment when --offset is given)." };
        var segmentSeconds = new Option<double>("--segment-seconds") { Description = "Segment length of the plan: 9 or 3.", DefaultValueFactory = _ => 9 };
        var output = new Option<string>("--out") { Description = "Where to write the .npy float32 array.", Required = true };
        var command = new Command("features",
            "Write the mel spectrogram (22 050 Hz, Hann 1024, hop 512, 128 Slaney bands, power, no log) of an excerpt, or of the track's 10 planned segments, as .npy.")
        {
            input, offset, duration, segmentSeconds, output,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetRequiredValue(input), parse.GetValue(offset), parse.GetValue(duration), parse.GetValue(segmentSeconds),
            parse.GetRequiredValue(output), Console.Out, cancellationToken));
        return command;
    }

    /// <returns>0 on success; 2 when the audio yields no features or an argument is invalid, with one line naming the file and the reason.</returns>
    public static async Task<int> RunAsync(string input, double? offsetSeconds, double? durationSeconds, double segmentSeconds,
        string output, TextWriter console, CancellationToken cancellationToken)
    {
        try
        {
            var extractor = new TrackFeatureExtractor(new AudioOptions { SegmentSeconds = segmentSeconds });
            if (offsetSeconds is null && durationSeconds is null)
            {
                var features = await extractor.ExtractAsync(input, cancellationToken);
                if (!TryWrite(output, features.Mel, [features.Segments, features.Frames, features.Bands], console))
                    return 2;
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{output}: {features.Segments} x {features.Frames} x {features.Bands} float32 (segments x frames x mel bands) of {input}, "
                    + $"{features.Stream.DurationSeconds:0.###} s, {Describe(features.Strategy)}{(features.Padded ? ", zero-padded: shorter than one segment" : "")}."));
            }
            else
            {
                var mel = await extractor.ExtractExcerptAsync(input, offsetSeconds ?? 0, durationSeconds ?? segmentSeconds, cancellationToken);
                var frames = mel.Length / MelSpectrogram.MelBands;
                if (!TryWrite(output, mel, [frames, MelSpectrogram.MelBands], console))
                    return 2;
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{output}: {frames} x {MelSpectrogram.MelBands} float32 (frames x mel bands) of {input} from {offsetSeconds ?? 0:0.###} s."));
            }
            return 0;
        }
        catch (AudioDecodeException e)
        {
            console.WriteLine($"error: {OneLine(e.Message)}");
        }
        catch (ArgumentOutOfRangeException e)
        {
            console.WriteLine($"error: {input}: {OneLine(e.Message)}");
        }
        return 2;
    }

    private static bool TryWrite(string output, float[] values, int[] shape, TextWriter console)
    {
        try
        {
            NpyFile.WriteFloat32(output, values, shape);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.WriteLine($"error: {output}: cannot write: {OneLine(e.Message)}");
            return false;
        }
    }

    private static string Describe(DecodeStrategy strategy) =>
        strategy == DecodeStrategy.SeekSegments ? "segments decoded by seeking" : "decoded whole and sliced";

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
