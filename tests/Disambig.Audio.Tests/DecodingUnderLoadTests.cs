using System.Collections.Concurrent;

namespace Disambig.Audio.Tests;

/// <summary>
/// Issue 13: the audio a decode returns must not depend on the machine's load. Files of every format the demo catalog
/// writes, decoded by both strategies many times at once while every core is kept busy, give the samples of a quiet decode.
/// </summary>
[Collection(FfmpegCollection.Name)]
public sealed class DecodingUnderLoadTests(MediaFiles files)
{
    // The demo catalog's formats and encoder settings (Disambig.Catalog.Demo.DemoAudioFormats).
    private static readonly (string Extension, string Codec)[] DemoFormats =
    [
        ("wav", "-c:a pcm_s16le"), ("flac", "-c:a flac"), ("mp3", "-c:a libmp3lame -b:a 128k"),
        ("ogg", "-c:a libvorbis -q:a 4"), ("opus", "-c:a libopus -b:a 64k"), ("m4a", "-c:a aac -aac_coder fast -b:a 96k"),
    ];

    // A 3 x 3 s plan on a 12 s track, read by both strategies: one seeking input per segment, or the whole file.
    private static readonly AudioOptions Plan = new() { SegmentSeconds = 3, SegmentCount = 3 };

    [Fact]
    public async Task Read_EveryDemoFormatBothStrategiesManyAtOnceUnderCpuLoad_GivesTheQuietSamples()
    {
        var reads = new List<(string Name, Func<CancellationToken, Task<float[]>> Read)>();
        foreach (var (extension, codec) in DemoFormats)
        {
            var path = files.Make($"load-12s.{extension}",
                $"-f lavfi -i anoisesrc=d=12:c=pink:r=44100:a=0.2:seed=11 -f lavfi -i sine=f=440:r=44100:d=12 -filter_complex amix=inputs=2 -ac 2 {codec}");
            var stream = await AudioProbe.ProbeAsync(path, Plan, CancellationToken.None);
            var plan = SegmentPlan.Create(path, stream.DurationSeconds, Plan);
            var ranges = plan.StartSamples.Select(start => new FfmpegPcmReader.SampleRange(start, plan.SegmentSamples)).ToArray();
            reads.Add(($"{extension} seeking", ct => FfmpegPcmReader.ReadRangesAsync(path, stream, ranges, Plan, ct)));
            reads.Add(($"{extension} whole", ct => FfmpegPcmReader.ReadWholeAsync(path, stream, Plan, ct)));
        }
        var quiet = new float[reads.Count][];
        for (var i = 0; i < reads.Count; i++)
        {
            quiet[i] = await reads[i].Read(CancellationToken.None);
            // All the planned audio, but for the encoder padding that the plan tolerates at the end.
            Assert.True(quiet[i].Length >= (3 * Plan.SegmentSeconds - Plan.EndToleranceSeconds) * MelSpectrogram.SampleRate, reads[i].Name);
        }

        const int Rounds = 20; // 240 decodes
        var mismatches = new ConcurrentBag<string>();
        using (new CpuLoad(Environment.ProcessorCount))
            await Parallel.ForEachAsync(Enumerable.Range(0, reads.Count * Rounds),
                new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (n, ct) =>
                {
                    var i = n % reads.Count;
                    var samples = await reads[i].Read(ct);
                    if (!samples.AsSpan().SequenceEqual(quiet[i]))
                        mismatches.Add($"{reads[i].Name}: {samples.Length} samples, quietly {quiet[i].Length}");
                });

        Assert.Empty(mismatches);
        ChildProcesses.AssertNoneLeft();
    }

    /// <summary>Threads that spin until disposed, so that the decoders' readers compete for the CPU.</summary>
    private sealed class CpuLoad : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread[] _threads;

        public CpuLoad(int threads)
        {
            _threads = Enumerable.Range(0, threads).Select(_ => new Thread(Spin) { IsBackground = true }).ToArray();
            foreach (var thread in _threads)
                thread.Start();
        }

        public void Dispose()
        {
            _stop.Cancel();
            foreach (var thread in _threads)
                thread.Join();
            _stop.Dispose();
        }

        private void Spin()
        {
            var x = 1.0;
            while (!_stop.IsCancellationRequested)
                for (var i = 0; i < 100_000; i++)
                    x = Math.Sqrt(x + i);
            GC.KeepAlive(x);
        }
    }
}
