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

    /// <summary>The tool's executable (ffmpeg, ffprobe): in <paramref name="folder"/>, or found on PATH when it is empty.</summary>
    public static string Executable(string folder, string tool) => folder.Length == 0 ? tool : Path.Combine(folder, tool);

    /// <summary>
    /// Starts ffmpeg with <paramref name="arguments"/> (each one argument, no shell quoting), copies its standard output
    /// into <paramref name="sink"/> until ffmpeg closes it, then awaits the exit.
    /// </summary>
    /// <param name="path">The audio file, named in errors.</param>
    /// <param name="ffmpegFolder">Folder of the ffmpeg and ffprobe executables; empty: PATH.</param>
    /// <param name="tool">"ffmpeg" or "ffprobe".</param>
    /// <param name="arguments">The tool's arguments.</param>
    /// <param name="sink">Receives standard output; its writes may be as slow as they like.</param>
    /// <param name="timeout">Longest run before the process is killed.</param>
    /// <param name="schedBatch">Start the tool under SCHED_BATCH (<see cref="AudioOptions.SchedBatch"/>, <see cref="ChildScheduling"/>).</param>
    /// <param name="placement">Pins the process to one core (<see cref="CorePlacement"/>); null: the cores the caller may use.</param>
    /// <param name="cancellationToken">Kills the process when cancelled.</param>
    /// <exception cref="AudioDecodeException"><see cref="AudioErrorReason.Timeout"/> when the run took longer than <paramref name="timeout"/>.</exception>
    /// <exception cref="AudioReadException">Standard output could not be read to its end (a failure of this machine, not of the file).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<Result> RunAsync(string path, string ffmpegFolder, string tool, IReadOnlyList<string> arguments, Stream sink,
        TimeSpan timeout, bool schedBatch, CorePlacement? placement, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable(ffmpegFolder, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // ffmpeg must never read the silo's own standard input
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var activity = AudioTelemetry.Source.StartActivity(tool);
        activity?.SetTag("inputs", arguments.Count(argument => argument == "-i"));
        using var process = new Process { StartInfo = start };
        CorePlacement.Placed? placed = null;
        try
        {
            if (placement is null)
                ChildScheduling.Start(process, schedBatch);
            else
                placed = placement.Start(process, schedBatch);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} could not be started ({start.FileName}): {e.Message}", e);
        }
        try
        {
            return await RunStartedAsync(path, tool, process, sink, timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (placed is { } started)
                placement!.Exit(started);
        }
    }

    private static async Task<Result> RunStartedAsync(string path, string tool, Process process, Stream sink, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
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
            throw new AudioDecodeException(path, AudioErrorReason.Timeout, $"{tool} took longer than {timeout.TotalSeconds:0.###} s");
        }
        if (readFailure is not null)
            throw new AudioReadException(path, $"{tool}'s output could not be read to its end: {readFailure.Message}", readFailure);
        return new Result(process.ExitCode, standardError);
    }

    private static Task CopyToEndAsync(Stream source, Stream sink) => Task.Factory.StartNew(() =>
    {
        // Blocking reads of large blocks on a thread of their own: one wake-up per block rather than one async
        // continuation per pipe write of ffmpeg's (a few KiB each), which cost more CPU than the copy itself.
        var block = new byte[ReadBlockBytes];
        int read;
        while ((read = source.Read(block)) > 0)
            sink.Write(block, 0, read);
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

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
