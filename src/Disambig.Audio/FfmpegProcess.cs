using System.Diagnostics;

namespace Disambig.Audio;

/// <summary>
/// Runs one ffmpeg process and copies its standard output to a sink to the end (EOF) before awaiting its exit, so
/// the sink receives every byte ffmpeg wrote however slowly it is read. (FFMpegCore's pipe output instead cancels its
/// reader and disposes the pipe as soon as the process exits, swallowing the cancellation: a reader that is still
/// copying the pipe's tail loses it, and the run reports success. See docs/audio.md, "Damaged file or failed read".)
/// On cancellation or timeout the process is killed at once and awaited before this returns.
/// </summary>
internal static class FfmpegProcess
{
    private const int ReadBlockBytes = 1 << 16;
    private const int StandardErrorLines = 20;

    /// <summary>What the run left: its exit code and the last lines it wrote to standard error.</summary>
    public sealed record Result(int ExitCode, IReadOnlyList<string> StandardError);

    /// <summary>The ffmpeg executable: in <paramref name="folder"/>, or found on PATH when it is empty.</summary>
    public static string Executable(string folder) => folder.Length == 0 ? "ffmpeg" : Path.Combine(folder, "ffmpeg");

    /// <summary>
    /// Starts ffmpeg with <paramref name="arguments"/> (each one argument, no shell quoting), copies its standard output
    /// into <paramref name="sink"/> until ffmpeg closes it, then awaits the exit.
    /// </summary>
    /// <param name="path">The audio file, named in errors.</param>
    /// <param name="ffmpegFolder">Folder of the ffmpeg executable; empty: PATH.</param>
    /// <param name="arguments">ffmpeg's arguments.</param>
    /// <param name="sink">Receives standard output; its writes may be as slow as they like.</param>
    /// <param name="timeout">Longest run before the process is killed.</param>
    /// <param name="cancellationToken">Kills the process when cancelled.</param>
    /// <exception cref="AudioDecodeException"><see cref="AudioErrorReason.Timeout"/> when the run took longer than <paramref name="timeout"/>.</exception>
    /// <exception cref="AudioReadException">Standard output could not be read to its end (a failure of this machine, not of the file).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<Result> RunAsync(string path, string ffmpegFolder, IReadOnlyList<string> arguments, Stream sink,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable(ffmpegFolder))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // ffmpeg must never read the silo's own standard input
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"ffmpeg could not be started ({start.FileName}): {e.Message}", e);
        }
        process.StandardInput.Close();

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        // Killing closes ffmpeg's end of both pipes, so the reads below end promptly.
        await using var kill = timer.Token.Register(() => Kill(process));
        var errors = ReadLastLinesAsync(process.StandardError);
        Exception? readFailure = null;
        try
        {
            await CopyToEndAsync(process.StandardOutput.BaseStream, sink).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            readFailure = e;
            Kill(process);
        }
        catch
        {
            // A sink that threw: the process must not outlive the call either.
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        // Exit is awaited only after standard output reached its end: nothing ffmpeg wrote can be dropped.
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var standardError = await errors.ConfigureAwait(false);

        if (timer.IsCancellationRequested)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new AudioDecodeException(path, AudioErrorReason.Timeout, $"ffmpeg took longer than {timeout.TotalSeconds:0.###} s");
        }
        if (readFailure is not null)
            throw new AudioReadException(path, $"ffmpeg's output could not be read to its end: {readFailure.Message}", readFailure);
        return new Result(process.ExitCode, standardError);
    }

    private static async Task CopyToEndAsync(Stream source, Stream sink)
    {
        var block = new byte[ReadBlockBytes];
        int read;
        while ((read = await source.ReadAsync(block).ConfigureAwait(false)) > 0)
            await sink.WriteAsync(block.AsMemory(0, read)).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<string>> ReadLastLinesAsync(StreamReader reader)
    {
        var lines = new Queue<string>();
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lines.Enqueue(line);
            if (lines.Count > StandardErrorLines)
                lines.Dequeue();
        }
        return [.. lines];
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting while being killed.
        }
    }
}
