using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Disambig.Catalog.Demo;

/// <summary>One file cut from the continuous PCM stream given to <see cref="FfmpegEncoder"/>.</summary>
/// <param name="Path">Final path of the file.</param>
/// <param name="SampleCount">Number of samples of the file in the stream, after those of the files before it.</param>
internal sealed record EncoderOutput(string Path, int SampleCount);

/// <summary>
/// Encodes consecutive pieces of mono float PCM to one file each, in one ffmpeg process: the samples are piped as raw
/// 32-bit little-endian floats into ffmpeg's standard input and cut sample-exactly with <c>atrim</c>. One process per
/// album instead of per track saves ffmpeg's start-up cost, which is most of the work for short tracks.
/// Files appear under their final names only when ffmpeg succeeded; the process is always awaited, and killed when
/// the caller cancels, so none outlives the call.
/// </summary>
internal static class FfmpegEncoder
{
    /// <param name="outputs">The files, in stream order, all in one format.</param>
    /// <param name="render">Renders the samples of output <c>i</c>, called in order while ffmpeg encodes the earlier ones.</param>
    public static async Task EncodeAsync(
        IReadOnlyList<EncoderOutput> outputs,
        Func<int, float[]> render,
        int sampleRate,
        DemoAudioFormat format,
        string ffmpegPath,
        CancellationToken cancellationToken)
    {
        var temporaries = outputs.Select(output => TemporaryPath(output.Path)).ToArray();
        using var process = new Process { StartInfo = StartInfo(ffmpegPath, sampleRate, format, outputs, temporaries) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new AudioEncodingException(outputs[0].Path, $"cannot start ffmpeg '{ffmpegPath}': {e.Message}", e);
        }

        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await WriteSamplesAsync(process.StandardInput.BaseStream, outputs, render, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not IOException)
        {
            // Cancelled, or rendering failed: nothing half-done may stay behind, neither the process nor its files.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            DeleteAll(temporaries);
            throw;
        }
        catch (IOException)
        {
            // ffmpeg closed its input early: it has failed, and its exit code and message below say why.
            await process.WaitForExitAsync(CancellationToken.None);
        }

        var message = (await errors).Trim();
        if (process.ExitCode != 0)
        {
            DeleteAll(temporaries);
            throw new AudioEncodingException(outputs[0].Path, $"ffmpeg exited with code {process.ExitCode}: {LastLine(message)}");
        }
        for (var i = 0; i < outputs.Count; i++)
        {
            File.Move(temporaries[i], outputs[i].Path, overwrite: true);
        }
    }

    private static async Task WriteSamplesAsync(Stream input, IReadOnlyList<EncoderOutput> outputs, Func<int, float[]> render, CancellationToken cancellationToken)
    {
        await using var _ = input;
        for (var i = 0; i < outputs.Count; i++)
        {
            var samples = render(i);
            if (samples.Length != outputs[i].SampleCount)
            {
                throw new InvalidOperationException($"'{outputs[i].Path}' rendered {samples.Length} samples, {outputs[i].SampleCount} planned.");
            }
            await input.WriteAsync(MemoryMarshal.AsBytes(samples.AsSpan()).ToArray(), cancellationToken);
        }
    }

    private static ProcessStartInfo StartInfo(string ffmpegPath, int sampleRate, DemoAudioFormat format, IReadOnlyList<EncoderOutput> outputs, string[] temporaries)
    {
        var startInfo = new ProcessStartInfo(ffmpegPath)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var arguments = new List<string>
        {
            "-hide_banner", "-nostats", "-loglevel", "error", "-y",
            "-f", "f32le", "-ar", sampleRate.ToString(CultureInfo.InvariantCulture), "-ac", "1", "-i", "pipe:0",
            "-filter_complex", CutGraph(outputs),
        };
        for (var i = 0; i < outputs.Count; i++)
        {
            arguments.AddRange(["-map", $"[o{i}]", .. format.EncoderArguments()]);
            // No encoder version or creation time in the file, so equal audio gives equal bytes where the codec allows.
            arguments.AddRange(["-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact", temporaries[i]]);
        }
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        return startInfo;
    }

    /// <summary><c>asplit</c> the stream, then <c>atrim</c> each copy to its samples and restart its timestamps at zero.</summary>
    private static string CutGraph(IReadOnlyList<EncoderOutput> outputs)
    {
        var parts = new List<string> { $"[0:a]asplit={outputs.Count}" + string.Concat(outputs.Select((_, i) => $"[s{i}]")) };
        long start = 0;
        for (var i = 0; i < outputs.Count; i++)
        {
            var end = start + outputs[i].SampleCount;
            parts.Add($"[s{i}]atrim=start_sample={start}:end_sample={end},asetpts=PTS-STARTPTS[o{i}]");
            start = end;
        }
        return string.Join(';', parts);
    }

    private static string TemporaryPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileNameWithoutExtension(path)}.partial{Path.GetExtension(path)}");

    private static void DeleteAll(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            File.Delete(path);
        }
    }

    private static string LastLine(string text) =>
        text.Length == 0 ? "(no message)" : text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
}
