using FFMpegCore;
using FFMpegCore.Exceptions;

namespace Disambig.Audio;

/// <summary>Reads a file's first audio stream with ffprobe, turning every failure into a typed error.</summary>
internal static class AudioProbe
{
    public static async Task<AudioStreamInfo> ProbeAsync(string path, AudioOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ProbeTimeout);
        IMediaAnalysis analysis;
        try
        {
            analysis = await FFProbe.AnalyseAsync(path, FfmpegSettings.For(options), cancellationToken: timeout.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AudioDecodeException(path, AudioErrorReason.Timeout, $"ffprobe took longer than {options.ProbeTimeout.TotalSeconds:0.###} s");
        }
        catch (FFProbeProcessException e)
        {
            throw new AudioDecodeException(path, ReasonOf(e.StandardError), FfmpegSettings.LastLine(e.StandardError, e.Message), e);
        }
        catch (FFMpegException e)
        {
            throw new AudioDecodeException(path, AudioErrorReason.NotMedia, e.Message, e);
        }

        var stream = analysis.AudioStreams.OrderBy(s => s.Index).FirstOrDefault();
        if (stream is null)
        {
            var found = analysis.VideoStreams.Count > 0 ? $"{analysis.VideoStreams.Count} video stream(s) only" : "no streams";
            throw new AudioDecodeException(path, AudioErrorReason.NoAudioStream, $"{analysis.Format.FormatName}: {found}");
        }

        var duration = stream.Duration > TimeSpan.Zero ? stream.Duration : analysis.Format.Duration;
        return new AudioStreamInfo(duration.TotalSeconds, stream.Channels ?? 1, stream.SampleRateHz ?? 0, stream.CodecName ?? "unknown");
    }

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
