using System.Globalization;
using System.Runtime.InteropServices;

namespace Disambig.Audio;

/// <summary>
/// Decodes several tracks in ONE ffmpeg process (issue 14: a process start costs about 60 ms of CPU, the dynamic
/// linker loading Debian ffmpeg's 215 libraries, so sharing it between tracks saves that much per track but one).
/// Every track keeps its own inputs and its own filter chain, exactly those of <see cref="FfmpegPcmReader"/>'s
/// single-track command, ending in an output of its own: a raw float32 file in a private folder (under /dev/shm where
/// it exists), read back and deleted before this returns. So each track's samples, and how many there are, are those
/// of its single-track decode. Any failure of the run throws; the caller then decodes the tracks one by one, so that a
/// broken file is named alone (<see cref="DecodeBatcher"/>).
/// </summary>
internal static class FfmpegBatchReader
{
    /// <summary>The tracks' samples, in the order of <paramref name="requests"/>; the process pinned by <paramref name="placement"/> when there is one.</summary>
    /// <exception cref="AudioDecodeException">ffmpeg failed or timed out (for the batch as a whole).</exception>
    /// <exception cref="AudioReadException">The run could not be read to its end.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; ffmpeg was killed.</exception>
    public static async Task<FfmpegPcmReader.Pcm[]> ReadAsync(IReadOnlyList<FfmpegPcmReader.DecodeRequest> requests, AudioOptions options,
        CorePlacement? placement, CancellationToken cancellationToken)
    {
        if (requests.Count == 0)
            return [];
        var folder = Path.Combine(TempRoot(options), "disambig-batch-" + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var outputs = requests.Select((_, i) => Path.Combine(folder, i.ToString(CultureInfo.InvariantCulture) + ".f32")).ToArray();
            var name = $"batch of {requests.Count} tracks ({string.Join(", ", requests.Select(r => r.Path))})";
            using var stdout = new MemoryStream();
            var result = await FfmpegProcess.RunAsync(name, options.FfmpegFolder, "ffmpeg", Arguments(requests, outputs), stdout,
                options.DecodeTimeout * requests.Count, options.SchedBatch, placement, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
                throw new AudioDecodeException(name, AudioErrorReason.Corrupt,
                    FfmpegSettings.LastLine(result.StandardError, $"ffmpeg exited with code {result.ExitCode}"));
            return requests.Select((request, i) => ReadRaw(outputs[i], request.ExpectedSamples)).ToArray();
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temporary folder; the results (or the error) stand.
            }
        }
    }

    /// <summary>
    /// ffmpeg's arguments: every track's inputs, one filter graph per track (its own <c>-filter_complex</c>), one raw
    /// output file per track. Separate graphs rather than one graph holding every track's chain: libavfilter picks the
    /// next filter to run by scanning all filters of a graph at every step, so in one shared graph each track's steps
    /// scanned the other tracks' filters too (about 7 % of ffmpeg's CPU per track in a batch of 4, same samples).
    /// </summary>
    public static IReadOnlyList<string> Arguments(IReadOnlyList<FfmpegPcmReader.DecodeRequest> requests, IReadOnlyList<string> outputs)
    {
        var arguments = new List<string>(FfmpegPcmReader.Head);
        var graphs = new List<string>(requests.Count);
        var firstInput = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            arguments.AddRange(FfmpegPcmReader.Inputs(requests[i]));
            graphs.Add(FfmpegPcmReader.Graph(requests[i], firstInput, $"t{i}"));
            firstInput += requests[i].InputCount;
        }
        foreach (var graph in graphs)
            arguments.AddRange(["-filter_complex", graph]);
        for (var i = 0; i < requests.Count; i++)
            arguments.AddRange(["-map", $"[t{i}]", "-c:a", "pcm_f32le", "-f", "f32le", "-y", outputs[i]]);
        return arguments;
    }

    private static string TempRoot(AudioOptions options) =>
        options.BatchFolder.Length > 0 ? options.BatchFolder
        : Directory.Exists("/dev/shm") ? "/dev/shm"
        : Path.GetTempPath();

    /// <summary>A raw float32 file in an array of at least <paramref name="expectedSamples"/>, zeros after the file's samples.</summary>
    private static FfmpegPcmReader.Pcm ReadRaw(string file, long expectedSamples)
    {
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read);
        var bytes = RandomAccess.GetLength(handle);
        var count = checked((int)(bytes / sizeof(float)));
        // Not zeroed by the runtime (8 MB a track): the file's samples overwrite the start, and only the rest is cleared.
        var samples = GC.AllocateUninitializedArray<float>(Math.Max(count, (int)Math.Clamp(expectedSamples, 0, 1L << 28)));
        samples.AsSpan(count).Clear();
        var target = MemoryMarshal.AsBytes(samples.AsSpan(0, count));
        var total = 0;
        int read;
        while (total < target.Length && (read = RandomAccess.Read(handle, target[total..], total)) > 0)
            total += read;
        if (total != target.Length)
            throw new IOException($"{file}: {total} of {target.Length} bytes could be read");
        return new FfmpegPcmReader.Pcm(samples, count);
    }
}
