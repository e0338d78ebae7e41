using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Disambig.Catalog.Demo;

/// <summary>
/// Encodes mono float PCM to a file by piping raw 32-bit little-endian floats into ffmpeg's standard input.
/// The file appears under its final name only when ffmpeg succeeded; the process is always awaited, and killed
/// when the caller cancels or the write fails, so none outlives the call.
/// </summary>
internal static class FfmpegEncoder
{
    public static async Task EncodeAsync(
        float[] samples, int sampleRate, DemoAudioFormat format, string outputPath, string ffmpegPath, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(outputPath)!, $".{Path.GetFileNameWithoutExtension(outputPath)}.partial.{format.Extension()}");
        using var process = new Process { StartInfo = StartInfo(ffmpegPath, sampleRate, format, temporary) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new AudioEncodingException(outputPath, $"cannot start ffmpeg '{ffmpegPath}': {e.Message}", e);
        }

        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var bytes = new byte[samples.Length * sizeof(float)];
        MemoryMarshal.AsBytes(samples.AsSpan()).CopyTo(bytes);
        try
        {
            try
            {
                await using var input = process.StandardInput.BaseStream;
                await input.WriteAsync(bytes, cancellationToken);
            }
            catch (IOException)
            {
                // ffmpeg closed its input early: it has failed, and its exit code and message below say why.
            }
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            File.Delete(temporary);
            throw;
        }

        var message = (await errors).Trim();
        if (process.ExitCode != 0)
        {
            File.Delete(temporary);
            throw new AudioEncodingException(outputPath, $"ffmpeg exited with code {process.ExitCode}: {LastLine(message)}");
        }
        File.Move(temporary, outputPath, overwrite: true);
    }

    private static ProcessStartInfo StartInfo(string ffmpegPath, int sampleRate, DemoAudioFormat format, string outputPath)
    {
        var startInfo = new ProcessStartInfo(ffmpegPath)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "-hide_banner", "-nostats", "-loglevel", "error",
            "-f", "f32le", "-ar", sampleRate.ToString(), "-ac", "1", "-i", "pipe:0",
            .. format.EncoderArguments(),
            // No encoder version or creation time in the file, so equal audio gives equal bytes where the codec allows.
            "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
            "-y", outputPath,
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        return startInfo;
    }

    private static string LastLine(string text) =>
        text.Length == 0 ? "(no message)" : text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
}
