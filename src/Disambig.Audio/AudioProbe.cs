using System.Globalization;
using System.Text.Json;

namespace Disambig.Audio;

/// <summary>
/// Reads a file's first audio stream with one ffprobe process that prints only the fields the plan needs (stream
/// index, type, codec, rate, channels, duration; the container's name and duration), and turns every failure into a
/// typed error. Durations are truncated to whole milliseconds, exactly as FFMpegCore's analysis gave them before (it
/// parses ffprobe's sexagesimal durations to the millisecond), so that segment plans are unchanged.
/// </summary>
internal static class AudioProbe
{
    private static readonly string[] Fields =
        ["-v", "error", "-show_entries", "stream=index,codec_type,codec_name,sample_rate,channels,duration:format=format_name,duration", "-of", "json"];

    /// <summary>
    /// The file's first audio stream: from its header where <see cref="HeaderProbe"/> can read it exactly (mp3 with a
    /// Xing/Info frame count, FLAC, Ogg Vorbis/Opus, MP4 AAC-LC) and <see cref="AudioOptions.ReadHeaderDurations"/> allows, from ffprobe otherwise.
    /// </summary>
    public static Task<AudioStreamInfo> ProbeAsync(string path, AudioOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return options.ReadHeaderDurations && HeaderProbe.TryRead(path) is { } fromHeader
            ? Task.FromResult(fromHeader)
            : ProbeWithFfprobeAsync(path, options, cancellationToken);
    }

    /// <summary>The file's first audio stream as ffprobe reports it.</summary>
    public static async Task<AudioStreamInfo> ProbeWithFfprobeAsync(string path, AudioOptions options, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        FfmpegProcess.Result result;
        try
        {
            result = await FfmpegProcess.RunAsync(path, options.FfmpegFolder, "ffprobe", [.. Fields, "-i", path], output,
                options.ProbeTimeout, options.SchedBatch, null, cancellationToken).ConfigureAwait(false);
        }
        catch (AudioReadException)
        {
            // Once more: a failed read is not the file's fault (and is reported as transient if it fails again).
            output.SetLength(0);
            result = await FfmpegProcess.RunAsync(path, options.FfmpegFolder, "ffprobe", [.. Fields, "-i", path], output,
                options.ProbeTimeout, options.SchedBatch, null, cancellationToken).ConfigureAwait(false);
        }
        if (result.ExitCode != 0)
            throw new AudioDecodeException(path, ReasonOf(result.StandardError),
                FfmpegSettings.LastLine(result.StandardError, $"ffprobe exited with code {result.ExitCode}"));

        Probed probed;
        try
        {
            probed = Parse(output.GetBuffer().AsSpan(0, (int)output.Length));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or OverflowException)
        {
            throw new AudioDecodeException(path, AudioErrorReason.NotMedia, $"ffprobe's report could not be read: {e.Message}", e);
        }
        if (probed.FormatName is null)
            throw new AudioDecodeException(path, AudioErrorReason.NotMedia, "ffprobe recognises no media format");

        var audio = probed.Streams.Where(s => s.Type == "audio").OrderBy(s => s.Index).FirstOrDefault();
        if (audio is null)
        {
            var videos = probed.Streams.Count(s => s.Type == "video");
            var found = videos > 0 ? $"{videos} video stream(s) only" : "no streams";
            throw new AudioDecodeException(path, AudioErrorReason.NoAudioStream, $"{probed.FormatName}: {found}");
        }
        var duration = audio.Duration > TimeSpan.Zero ? audio.Duration : probed.Duration;
        return new AudioStreamInfo(duration.TotalSeconds, audio.Channels ?? 1, audio.SampleRateHz ?? 0, audio.Codec ?? "unknown");
    }

    private sealed record Stream(int Index, string? Type, string? Codec, int? SampleRateHz, int? Channels, TimeSpan Duration);

    private sealed record Probed(string? FormatName, TimeSpan Duration, IReadOnlyList<Stream> Streams);

    private static Probed Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var streams = new List<Stream>();
        if (root.TryGetProperty("streams", out var list))
            foreach (var s in list.EnumerateArray())
                streams.Add(new Stream(
                    s.TryGetProperty("index", out var index) ? index.GetInt32() : int.MaxValue,
                    Text(s, "codec_type"), Text(s, "codec_name"),
                    Text(s, "sample_rate") is { } rate ? int.Parse(rate, CultureInfo.InvariantCulture) : null,
                    s.TryGetProperty("channels", out var channels) ? channels.GetInt32() : null,
                    Duration(Text(s, "duration"))));
        if (!root.TryGetProperty("format", out var format))
            return new Probed(null, TimeSpan.Zero, streams);
        return new Probed(Text(format, "format_name"), Duration(Text(format, "duration")), streams);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Seconds as ffprobe prints them ("240.039184", or "N/A"), truncated to whole milliseconds.</summary>
    internal static TimeSpan Duration(string? seconds) =>
        seconds is not null && decimal.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? TimeSpan.FromMilliseconds((long)decimal.Truncate(value * 1000))
            : TimeSpan.Zero;

    private static AudioErrorReason ReasonOf(IReadOnlyList<string> standardError)
    {
        var text = string.Join('\n', standardError);
        if (text.Contains("Permission denied", StringComparison.OrdinalIgnoreCase))
            return AudioErrorReason.Unreadable;
        if (text.Contains("No such file", StringComparison.OrdinalIgnoreCase))
            return AudioErrorReason.FileNotFound;
        return AudioErrorReason.NotMedia;
    }
}
