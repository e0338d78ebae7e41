namespace Disambig.Audio.Tests;

/// <summary>
/// Issue 14: several tracks decoded by one ffmpeg process must give every segment's samples exactly as a decode alone,
/// a broken track in a batch must fail alone by its own name, and cancellation must still kill ffmpeg.
/// </summary>
[Collection(FfmpegCollection.Name)]
public sealed class BatchDecodingTests(MediaFiles files)
{
    // A 3 x 3 s plan: 30 s files take the seeking path, the 7 s file the whole-file path.
    private static readonly AudioOptions Plan = new() { SegmentSeconds = 3, SegmentCount = 3 };

    private string[] MixedTracks() =>
    [
        Music("batch/a.mp3", 30, "-ac 2 -c:a libmp3lame -b:a 128k"),
        Music("batch/b.ogg", 31, "-ac 2 -c:a libvorbis -q:a 4"),
        Music("batch/c.opus", 29, "-ac 2 -c:a libopus -b:a 64k"),
        Music("batch/d.m4a", 30.5, "-ac 2 -c:a aac -b:a 96k"),
        Music("batch/e.flac", 7, "-ac 6 -c:a flac"),
        Music("batch/f.wav", 33, "-ac 1 -c:a pcm_s16le"),
    ];

    [Fact]
    public async Task ReadAsync_SixFormatsInOneProcess_GiveTheSamplesOfEachDecodedAlone()
    {
        var requests = new List<FfmpegPcmReader.DecodeRequest>();
        foreach (var path in MixedTracks())
        {
            var stream = await AudioProbe.ProbeAsync(path, Plan, CancellationToken.None);
            var plan = SegmentPlan.Create(path, stream.DurationSeconds, Plan);
            requests.Add(new(path, stream, plan.TrackSamples > 2 * plan.Count * plan.SegmentSamples
                ? plan.StartSamples.Select(start => new FfmpegPcmReader.SampleRange(start, plan.SegmentSamples)).ToArray()
                : null));
        }
        Assert.Contains(requests, r => r.Ranges is null);
        Assert.Contains(requests, r => r.Ranges is not null);

        var batched = await FfmpegBatchReader.ReadAsync(requests, Plan, null, CancellationToken.None);

        for (var i = 0; i < requests.Count; i++)
        {
            var alone = await FfmpegPcmReader.ReadPcmAsync(requests[i], Plan, null, CancellationToken.None);
            Assert.True(alone.Count > 0, requests[i].Path);
            Assert.Equal(alone.Count, batched[i].Count);
            Assert.True(alone.Samples.AsSpan(0, alone.Count).SequenceEqual(batched[i].Samples.AsSpan(0, batched[i].Count)), requests[i].Path);
        }
        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task DecodeAsync_ConcurrentCallers_ShareProcessesAndGetTheirOwnTracksSamples()
    {
        var paths = MixedTracks();
        var alone = new TrackAudioDecoder(With(batchTracks: 1));
        var expected = new List<DecodedTrack>();
        foreach (var path in paths)
            expected.Add(await alone.DecodeAsync(path, CancellationToken.None));
        // A long wait: the batches fill up (3 tracks each) rather than time out.
        var batching = new TrackAudioDecoder(With(batchTracks: 3, wait: TimeSpan.FromSeconds(10)));

        var decoded = await Task.WhenAll(paths.Select(path => batching.DecodeAsync(path, CancellationToken.None)));

        Assert.Equal(2, batching.SharedRuns);
        for (var i = 0; i < paths.Length; i++)
        {
            Assert.Equal(expected[i].Plan.StartSamples, decoded[i].Plan.StartSamples);
            Assert.Equal(expected[i].Strategy, decoded[i].Strategy);
            Assert.Equal(expected[i].Samples, decoded[i].Samples);
        }
    }

    [Fact]
    public async Task ReadAsync_BatchWithAFileFfmpegCannotOpen_FailsThatFileAloneByNameAndDecodesTheOthers()
    {
        var good = MixedTracks()[..3];
        var broken = files.PathOf("batch/not-audio.mp3");
        await File.WriteAllTextAsync(broken, "these bytes are no mp3");
        var batcher = new DecodeBatcher(With(batchTracks: 4, wait: TimeSpan.FromSeconds(10)), TimeProvider.System);
        var requests = new List<FfmpegPcmReader.DecodeRequest>();
        foreach (var path in good)
            requests.Add(new(path, await AudioProbe.ProbeAsync(path, Plan, CancellationToken.None), [new(0, 3 * 22050), new(10 * 22050, 3 * 22050)]));
        requests.Insert(1, new(broken, new AudioStreamInfo(30, 2, 44100, "mp3"), [new(0, 3 * 22050)]));

        var reads = requests.Select(r => batcher.ReadAsync(r, CancellationToken.None)).ToArray();

        var error = await Assert.ThrowsAsync<AudioDecodeException>(() => reads[1]);
        Assert.Equal(broken, error.Path);
        Assert.Equal(AudioErrorReason.Corrupt, error.Reason);
        Assert.Equal(1, batcher.SharedRuns);
        foreach (var i in new[] { 0, 2, 3 })
        {
            var pcm = await reads[i];
            var alone = await FfmpegPcmReader.ReadPcmAsync(requests[i], Plan, null, CancellationToken.None);
            Assert.Equal(6 * 22050, pcm.Count);
            Assert.True(alone.Samples.AsSpan(0, alone.Count).SequenceEqual(pcm.Samples.AsSpan(0, pcm.Count)), requests[i].Path);
        }
        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task DecodeAsync_TruncatedTrackInABatch_IsNamedAloneAndTheOthersDecode()
    {
        var good = MixedTracks()[..2];
        var whole = Music("batch/cut.mp3", 30, "-ac 2 -c:a libmp3lame -b:a 128k");
        var cut = files.PathOf("batch/cut-in-half.mp3");
        var bytes = await File.ReadAllBytesAsync(whole);
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)]);
        var decoder = new TrackAudioDecoder(With(batchTracks: 3, wait: TimeSpan.FromSeconds(10)));

        var decodes = new[] { good[0], cut, good[1] }.Select(path => decoder.DecodeAsync(path, CancellationToken.None)).ToArray();

        var error = await Assert.ThrowsAsync<AudioDecodeException>(() => decodes[1]);
        Assert.Equal(cut, error.Path);
        Assert.Equal(AudioErrorReason.Truncated, error.Reason);
        Assert.Equal(good[0], (await decodes[0]).Path);
        Assert.Equal(good[1], (await decodes[2]).Path);
        Assert.Equal(1, decoder.SharedRuns);
    }

    [Fact]
    public async Task DecodeAsync_EveryCallerOfABatchCancelled_KillsTheSharedFfmpeg()
    {
        var path = LongFile();
        var decoder = new TrackAudioDecoder(LongWholeDecodes(decodeProcesses: 0));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));

        var decodes = new[] { decoder.DecodeAsync(path, cancellation.Token), decoder.DecodeAsync(path, cancellation.Token) };

        foreach (var decode in decodes)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => decode);
        Assert.Equal(1, decoder.SharedRuns);
        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task DecodeAsync_OneCallerCancelled_TheOtherStillGetsItsTrack()
    {
        var paths = MixedTracks();
        var expected = await new TrackAudioDecoder(With(batchTracks: 1)).DecodeAsync(paths[0], CancellationToken.None);
        var decoder = new TrackAudioDecoder(With(batchTracks: 2, wait: TimeSpan.FromSeconds(10)));
        using var cancellation = new CancellationTokenSource();

        var leaving = decoder.DecodeAsync(paths[1], cancellation.Token);
        var staying = decoder.DecodeAsync(paths[0], CancellationToken.None);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        Assert.Equal(expected.Samples, (await staying).Samples);
    }

    [Fact]
    public async Task DecodeAsync_WhileEveryProcessIsBusy_TracksThatArriveWaitForTheSlotThenShareOneProcess()
    {
        var paths = MixedTracks();
        var decoder = new TrackAudioDecoder(LongWholeDecodes(decodeProcesses: 1));
        using var stop = new CancellationTokenSource();

        // The three-hour file keeps the one process busy for seconds; it starts at once, alone.
        var busy = decoder.DecodeAsync(LongFile(), stop.Token);
        await UntilFfmpegChildrenAsync(1); // its probe may need ffprobe: the others must come once its ffmpeg runs
        var shared = new[] { decoder.DecodeAsync(paths[0], CancellationToken.None), decoder.DecodeAsync(paths[4], CancellationToken.None) };
        // Their batch is full, but the slot is busy: they wait (no second process beside the busy one) until it frees.
        await UntilAsync(() => decoder.Waiting == 2);
        Assert.Equal(1, decoder.Runs);
        await stop.CancelAsync();
        var decoded = await Task.WhenAll(shared);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => busy);
        Assert.Equal(2, decoder.Runs);
        Assert.Equal(1, decoder.SharedRuns);
        Assert.Equal([paths[0], paths[4]], decoded.Select(t => t.Path));
        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task DecodeAsync_BatchesWaitForSlotsOff_AFullBatchStartsBesideTheBusyRun()
    {
        var paths = MixedTracks();
        var options = LongWholeDecodes(decodeProcesses: 1);
        options.BatchesWaitForSlots = false;
        var decoder = new TrackAudioDecoder(options);
        using var stop = new CancellationTokenSource();

        var busy = decoder.DecodeAsync(LongFile(), stop.Token);
        await UntilFfmpegChildrenAsync(1);
        // The slot stays busy for seconds, yet the full batch runs and ends meanwhile.
        var decoded = await Task.WhenAll(decoder.DecodeAsync(paths[0], CancellationToken.None), decoder.DecodeAsync(paths[4], CancellationToken.None));
        var runsWhileBusy = decoder.Runs;
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => busy);
        Assert.Equal(2, runsWhileBusy);
        Assert.Equal(1, decoder.SharedRuns);
        Assert.Equal([paths[0], paths[4]], decoded.Select(t => t.Path));
        ChildProcesses.AssertNoneLeft();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DecodeAsync_LastBatchWhenARunEnds_IsSplitOnlyIfTheOtherRunEndsSoon(bool otherEndsSoon)
    {
        var paths = MixedTracks();
        var clock = new SteppedClock();
        var decoder = new TrackAudioDecoder(LongWholeDecodes(decodeProcesses: 2), clock);
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();

        // Two three-hour decodes, one per slot, the second started 100 s (on the test's clock) after the first, or with it.
        var first = decoder.DecodeAsync(LongFile(), stopFirst.Token);
        await UntilFfmpegChildrenAsync(1);
        if (!otherEndsSoon)
            clock.Advance(TimeSpan.FromSeconds(100));
        var second = decoder.DecodeAsync(LongFile(), stopSecond.Token);
        await UntilFfmpegChildrenAsync(2);
        // The last batch of the burst waits for a slot.
        var last = new[] { decoder.DecodeAsync(paths[0], CancellationToken.None), decoder.DecodeAsync(paths[4], CancellationToken.None) };
        await UntilAsync(() => decoder.Waiting == 2);
        if (otherEndsSoon)
            clock.Advance(TimeSpan.FromSeconds(100));

        // The first run ends after 100 s: the second has run as long (it ends soon: both slots take a track) or not at all
        // (the batch takes the free slot as one process).
        await stopFirst.CancelAsync();
        var decoded = await Task.WhenAll(last);
        await stopSecond.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.Equal(otherEndsSoon ? 4 : 3, decoder.Runs);
        Assert.Equal(otherEndsSoon ? 0 : 1, decoder.SharedRuns);
        Assert.Equal([paths[0], paths[4]], decoded.Select(t => t.Path));
        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task DecodeAsync_TracksArrivingTogetherWhileProcessesAreFree_ShareProcessesSpreadOverTheFreeOnes()
    {
        var paths = MixedTracks();
        var alone = new TrackAudioDecoder(With(batchTracks: 1));
        var expected = new List<DecodedTrack>();
        foreach (var path in paths[..3])
            expected.Add(await alone.DecodeAsync(path, CancellationToken.None));
        // Two free processes, a long gathering wait: the three tracks go together, spread 2 + 1 (not 1 + 1 + 1 as
        // before the gathering, nor 3 in one process while a core idles).
        var decoder = new TrackAudioDecoder(Gathering(batchTracks: 4, gather: TimeSpan.FromMilliseconds(500)));

        var decoded = await Task.WhenAll(paths[..3].Select(path => decoder.DecodeAsync(path, CancellationToken.None)));

        Assert.Equal(2, decoder.Runs);
        Assert.Equal(1, decoder.SharedRuns);
        for (var i = 0; i < 3; i++)
            Assert.Equal(expected[i].Samples, decoded[i].Samples);
        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task DecodeAsync_AsManyTracksAsTheFreeProcessesTake_GoEvenlyIntoThem()
    {
        var paths = MixedTracks();
        // Two free processes of at most 2 tracks: four tracks fill both (they start when the fourth arrives).
        var decoder = new TrackAudioDecoder(Gathering(batchTracks: 2, gather: TimeSpan.FromSeconds(1)));

        var decoded = await Task.WhenAll(paths[..4].Select(path => decoder.DecodeAsync(path, CancellationToken.None)));

        Assert.Equal(2, decoder.SharedRuns);
        Assert.Equal(2, decoder.Runs);
        Assert.Equal(paths[..4], decoded.Select(t => t.Path));
    }

    [Theory]
    [InlineData(2, 4, 16)]
    [InlineData(1, 4, 8)]
    [InlineData(3, 1, 6)]
    [InlineData(0, 4, 8)]
    public void TracksInFlight_KeepsEverySlotBusyWithABatchAndOneWaiting(int decodeProcesses, int batchTracks, int expected)
    {
        var options = new AudioOptions { DecodeProcesses = decodeProcesses, BatchTracks = batchTracks };

        Assert.Equal(expected, options.TracksInFlight);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Validate_BatchGatherOutOfRange_IsRefusedByName(int gatherMs)
    {
        var options = new AudioOptions { BatchGather = TimeSpan.FromMilliseconds(gatherMs) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(nameof(AudioOptions.BatchGather), error.ParamName);
    }

    [Theory]
    [InlineData(0, 20)]
    [InlineData(65, 20)]
    [InlineData(4, -1)]
    [InlineData(4, 10_001)]
    public void Validate_BatchSettingsOutOfRange_AreRefusedByName(int tracks, int waitMs)
    {
        var options = new AudioOptions { BatchTracks = tracks, BatchWait = TimeSpan.FromMilliseconds(waitMs) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(tracks is 0 or 65 ? nameof(AudioOptions.BatchTracks) : nameof(AudioOptions.BatchWait), error.ParamName);
    }

    private static async Task UntilFfmpegChildrenAsync(int count) =>
        await UntilAsync(() => ChildProcesses.FfmpegChildren().Count(child => child.StartsWith("ffmpeg", StringComparison.Ordinal)) >= count);

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
            await Task.Delay(10, timeout.Token);
    }

    /// <summary>A clock that moves only when told (the batcher's run times); timers stay the system's.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Volatile.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    // The default 10 x 9 s plan, decoded whole: the three-hour file then keeps ffmpeg busy for seconds.
    private static AudioOptions LongWholeDecodes(int decodeProcesses) => new()
    {
        BatchTracks = 2,
        BatchWait = TimeSpan.FromSeconds(10),
        BatchesWaitForSlots = true,
        DecodeProcesses = decodeProcesses,
        WholeFileDecodeMaxRatio = 1000,
    };

    // Two decode processes, both free when the test's tracks arrive.
    private static AudioOptions Gathering(int batchTracks, TimeSpan gather) => new()
    {
        SegmentSeconds = Plan.SegmentSeconds,
        SegmentCount = Plan.SegmentCount,
        BatchTracks = batchTracks,
        BatchGather = gather,
        DecodeProcesses = 2,
    };

    private static AudioOptions With(int batchTracks, TimeSpan? wait = null) => new()
    {
        SegmentSeconds = Plan.SegmentSeconds,
        SegmentCount = Plan.SegmentCount,
        BatchTracks = batchTracks,
        BatchWait = wait ?? TimeSpan.Zero,
        DecodeProcesses = 0, // batches form by size or wait alone, whatever else runs
    };

    private string Music(string name, double seconds, string codec) =>
        files.Make(name, $"-f lavfi -i anoisesrc=d={seconds}:c=pink:r=44100:a=0.2:seed=7 -f lavfi -i sine=f=330:r=44100:d={seconds} -filter_complex amix=inputs=2 {codec}");

    private string LongFile()
    {
        var loop = files.Make("one-minute.mp3", "-f lavfi -i sine=f=1000:r=8000:d=60 -c:a libmp3lame -b:a 8k");
        return files.Make("three-hours.mp3", $"-stream_loop 179 -i {loop} -c copy");
    }
}
