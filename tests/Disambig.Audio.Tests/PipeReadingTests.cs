using FFMpegCore;
using FFMpegCore.Enums;
using FFMpegCore.Pipes;

namespace Disambig.Audio.Tests;

/// <summary>
/// Issue 13: under load the pipeline received less audio than ffmpeg wrote, and a valid file was reported truncated.
/// FFMpegCore's pipe output cancels its reader and disposes the pipe when ffmpeg exits, while the reader may still be
/// copying the pipe's tail; a reader made slow on purpose shows it every time.
/// </summary>
[Collection(FfmpegCollection.Name)]
public sealed class PipeReadingTests(MediaFiles files)
{
    // 5 s at 22 050 Hz is 441 000 bytes of f32le: more than the pipe buffers, read in 4 KiB blocks at 10 ms each.
    private const double Seconds = 5;
    private static readonly AudioStreamInfo Mono22k = new(Seconds, 1, MelSpectrogram.SampleRate, "pcm_s16le");

    [Fact]
    public async Task FfmpegCorePipe_SlowReader_LosesTheTailAndReportsSuccess()
    {
        var path = Source();
        var expected = await QuietDecodeAsync(path);
        using var sink = new SlowStream();

        // The reading this project used before: FFMpegCore's StreamPipeSink, exactly as FfmpegPcmReader called it.
        var result = await FFMpegArguments.FromFileInput(path, verifyExists: false, _ => { })
            .OutputToPipe(new StreamPipeSink(sink) { Format = "f32le", BlockSize = SlowStream.BlockBytes },
                o => o.WithCustomArgument($"-filter_complex \"[0:a:0]aresample=22050:resampler=soxr,aformat=sample_fmts=flt:channel_layouts=mono[out]\" -map \"[out]\" -c:a pcm_f32le"))
            .WithLogLevel(FFMpegLogLevel.Error)
            .ProcessAsynchronously(throwOnError: false);

        Assert.True(result.Success);
        Assert.True(sink.Length < expected.Length * sizeof(float),
            $"the slow reader got all {expected.Length * sizeof(float)} bytes; FFMpegCore no longer drops the tail");
    }

    [Fact]
    public async Task RunAsync_SlowReader_ReceivesEveryByteFfmpegWrote()
    {
        var path = Source();
        var expected = await QuietDecodeAsync(path);
        using var sink = new SlowStream();

        var result = await FfmpegProcess.RunAsync(path, "", "ffmpeg", FfmpegPcmReader.WholeArguments(path, Mono22k), sink,
            TimeSpan.FromMinutes(1), schedBatch: true, placement: null, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, sink.Samples());
        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task RunAsync_SinkThatFails_KillsFfmpegAndPassesTheErrorOn()
    {
        var path = Source();
        using var sink = new SlowStream { FailAfterBytes = 8192 };

        await Assert.ThrowsAsync<InvalidOperationException>(() => FfmpegProcess.RunAsync(path, "", "ffmpeg",
            FfmpegPcmReader.WholeArguments(path, Mono22k), sink, TimeSpan.FromMinutes(1), schedBatch: true, placement: null, CancellationToken.None));

        ChildProcesses.AssertNoneLeft();
    }

    private string Source() =>
        files.Make("pink-5s-22k.wav", $"-f lavfi -i anoisesrc=d={Seconds}:c=pink:r=22050:a=0.3:seed=7 -c:a pcm_s16le");

    private static async Task<float[]> QuietDecodeAsync(string path)
    {
        var samples = await FfmpegPcmReader.ReadWholeAsync(path, Mono22k, new AudioOptions(), CancellationToken.None);
        Assert.Equal((int)(Seconds * MelSpectrogram.SampleRate), samples.Length);
        return samples;
    }

    /// <summary>A sink that takes 10 ms per 4 KiB block, like a reader starved of CPU on a loaded machine.</summary>
    private sealed class SlowStream : Stream
    {
        public const int BlockBytes = 4096;
        private readonly MemoryStream _received = new();

        public long FailAfterBytes { get; init; } = long.MaxValue;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _received.Length;
        public override long Position { get => _received.Length; set => throw new NotSupportedException(); }

        public float[] Samples() => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(_received.ToArray().AsSpan()).ToArray();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            for (var done = 0; done < buffer.Length; done += BlockBytes)
            {
                if (_received.Length >= FailAfterBytes)
                    throw new InvalidOperationException("the sink failed");
                await Task.Delay(10, CancellationToken.None);
                _received.Write(buffer.Span.Slice(done, Math.Min(BlockBytes, buffer.Length - done)));
            }
        }

        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _received.Dispose();
            base.Dispose(disposing);
        }
    }
}
