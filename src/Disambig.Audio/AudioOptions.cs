namespace Disambig.Audio;

/// <summary>
/// Settings of the audio front end. The mel conventions themselves (22 050 Hz, Hann 1024, hop 512, 128 Slaney
/// bands) are fixed in <see cref="MelSpectrogram"/> so that features stay comparable across tools; only the
/// segment plan and the operational limits are configurable. Call <see cref="Validate"/> once at start.
/// </summary>
public sealed class AudioOptions
{
    /// <summary>Length of one segment in seconds. Default 9 (the paper's main setting); 3 is the other allowed value.</summary>
    public double SegmentSeconds { get; set; } = 9;

    /// <summary>Number of linearly spaced segments per track. Default 10 (the paper); range 1 to 100.</summary>
    public int SegmentCount { get; set; } = 10;

    /// <summary>
    /// Shortest track accepted, in seconds. Default 3; range (0, <see cref="SegmentSeconds"/>]. A track at least this
    /// long but shorter than one segment becomes one zero-padded segment; a shorter one is <see cref="AudioErrorReason.TooShort"/>.
    /// </summary>
    public double MinimumTrackSeconds { get; set; } = 3;

    /// <summary>
    /// A track whose every segment has an RMS level below this many dB relative to full scale is
    /// <see cref="AudioErrorReason.Silent"/>. Default -60; range -120 to 0.
    /// </summary>
    public double SilenceThresholdDbfs { get; set; } = -60;

    /// <summary>
    /// Decode strategy switch. A track no longer than this ratio times the planned audio
    /// (<see cref="SegmentCount"/> x <see cref="SegmentSeconds"/>) is decoded whole in one pass and sliced, a longer one
    /// is decoded segment by segment with input seeking. Default (null) <see cref="WholeFileRatio"/>: 2 with ffmpeg
    /// processes (measured crossover, see docs/audio.md: each seeking input costs a demuxer, a decoder and a filter
    /// chain of its own), 1 with <see cref="AudioDecodeEngine.Libav"/> (a seek in an open file costs next to nothing:
    /// ten segments of a 2-3 minute track took 55-70 % of the CPU of its whole decode, docs/benchmarks.md, ninth round);
    /// range 1 to 1000 (1000 in effect always decodes whole). Values below 1 are refused because the seek path relies
    /// on segments that do not overlap.
    /// </summary>
    public double? WholeFileDecodeMaxRatio { get; set; }

    /// <summary>The ratio in effect: <see cref="WholeFileDecodeMaxRatio"/>, or the engine's default.</summary>
    public double WholeFileRatio => WholeFileDecodeMaxRatio ?? (DecodeEngine == AudioDecodeEngine.Libav ? 1 : 2);

    /// <summary>
    /// How much shorter than ffprobe's duration the decoded audio may be before the file counts as
    /// <see cref="AudioErrorReason.Truncated"/>, in seconds; the missing tail is zero-filled. Containers report
    /// encoder delay and padding in their duration (mp3: about 35 ms, opus: about 7 ms). Default 0.25; range 0 to 1.
    /// </summary>
    public double EndToleranceSeconds { get; set; } = 0.25;

    /// <summary>
    /// Read the duration, channels and rate from the file's own header where it states them exactly (mp3 with a
    /// Xing/Info frame count, FLAC, Ogg Vorbis/Opus, MP4 AAC-LC), giving ffprobe's figures without starting an ffprobe process; other files are
    /// probed with ffprobe. Default true; false probes every file with ffprobe.
    /// </summary>
    public bool ReadHeaderDurations { get; set; } = true;

    /// <summary>
    /// Most tracks decoded by one ffmpeg process: concurrent decodes are collected (up to this many, or for at most
    /// <see cref="BatchWait"/>) and share one process start (about 60 ms of CPU each otherwise), each keeping its own
    /// inputs, filters and output, so the samples are those of a decode alone. A batch that fails is decoded again track
    /// by track. Batches form from tracks that arrive together (<see cref="BatchGather"/>) or while all
    /// <see cref="DecodeProcesses"/> runs are busy, so a caller gains when it has more tracks in flight than cores (up to
    /// cores x BatchTracks). Default 4; range 1 to 64; 1 decodes every track in its own process without waiting.
    /// </summary>
    public int BatchTracks { get; set; } = 4;

    /// <summary>
    /// Longest wait for more tracks after the first of a batch arrived while <see cref="DecodeProcesses"/> runs are busy:
    /// the batch then starts although no run has ended (more processes than <see cref="DecodeProcesses"/>). Default 1 s,
    /// longer than a run usually takes, so that waiting tracks normally start when a run ends; range 0 to 10 s.
    /// </summary>
    public TimeSpan BatchWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long tracks that arrive while a decode slot is free (<see cref="DecodeProcesses"/>) are gathered before they
    /// start: the tracks of a burst then share processes (up to <see cref="BatchTracks"/> per free slot, spread evenly over
    /// the free slots) instead of the first ones starting alone, each paying a process start (about 55 ms of CPU). A lone
    /// track starts this much later. Default 5 ms; range 0 to 1 s; 0: a track that finds a free slot starts at once.
    /// </summary>
    public TimeSpan BatchGather { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// ffmpeg runs one decoder keeps going before tracks wait to share a process: below it tracks start after
    /// <see cref="BatchGather"/>, spread over the free runs, so that callers with no more tracks in flight than cores lose
    /// no parallelism; at it, tracks that arrive wait
    /// (<see cref="BatchWait"/>) and go together, up to <see cref="BatchTracks"/> per process, when a run ends or the
    /// batch fills. Default: the cores this process may use; range 0 to 1024; 0: every track waits for its batch to
    /// fill or for <see cref="BatchWait"/>.
    /// </summary>
    public int DecodeProcesses { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Full batches that form while all <see cref="DecodeProcesses"/> runs are busy wait for a run to end (at most
    /// <see cref="BatchWait"/>) instead of starting beside the busy runs, and at the end of a burst the last batch is
    /// spread over the freed slot and the runs that will end soon, so that it does not run alone on one core while the
    /// others idle (issue 14, seventh round). Default false (a full batch starts at once, and the last one runs as one
    /// process): on a quiet machine the rule was not ahead on both of the side-by-side file sets (docs/benchmarks.md,
    /// seventh round), so it stays an option.
    /// </summary>
    public bool BatchesWaitForSlots { get; set; }

    /// <summary>
    /// Pin each ffmpeg decode process of a decoder to one of the cores this process may use, spread evenly over them
    /// (the newest process of the busiest core moves when a process ends and leaves the cores uneven by two or more), so
    /// that the forty-odd threads of a batch (a reading thread per input handing packets to the main thread) share one
    /// core instead of waking each other across cores: 8-12 % less CPU per track with several processes per core (issue
    /// 14, eighth round; the samples are the same). Linux; ignored with fewer than two usable cores, or with more usable
    /// cores than the process's CPU budget (a pod's quota on a bigger node: the cores are shared). Default true; turn it
    /// off where the decoder's cores are shared with other busy work that pinned processes could not move away from.
    /// </summary>
    public bool PinDecodeProcesses { get; set; } = true;

    /// <summary>
    /// Tracks a caller should keep in flight on one decoder for its batching to pay off: every decode slot busy with a
    /// batch of <see cref="BatchTracks"/> and a full batch waiting for each, 2 x <see cref="DecodeProcesses"/> (at least 1)
    /// x BatchTracks (16 on 2 cores by default). A silo's default feature concurrency, and the side-by-side benchmark's.
    /// </summary>
    public int TracksInFlight => 2 * Math.Max(1, DecodeProcesses) * BatchTracks;

    /// <summary>
    /// Folder where a batch's ffmpeg writes each track's raw samples (in a private subfolder deleted after the read).
    /// Default empty: /dev/shm where it exists (memory), the system's temporary folder otherwise.
    /// </summary>
    public string BatchFolder { get; set; } = "";

    /// <summary>
    /// Start ffmpeg and ffprobe under Linux's SCHED_BATCH scheduling policy: the same CPU share as the default policy,
    /// without wake-up preemption, so ffmpeg's input threads no longer switch with its main thread at every packet
    /// (about 25 ms of CPU less per track of ten seeking inputs, 30 ms in a batch of four; the samples are the same).
    /// Default true; ignored where the platform has no such policy or the caller's thread runs under a real-time one.
    /// </summary>
    public bool SchedBatch { get; set; } = true;

    /// <summary>
    /// What decodes the planned audio: ffmpeg processes (default) or FFmpeg's libraries in this process
    /// (<see cref="AudioDecodeEngine.Libav"/>: less CPU per track, docs/benchmarks.md, issue 14, ninth round). Probing is
    /// the same either way.
    /// </summary>
    public AudioDecodeEngine DecodeEngine { get; set; } = AudioDecodeEngine.Ffmpeg;

    /// <summary>Folder holding the ffmpeg and ffprobe executables. Default empty: found on PATH.</summary>
    public string FfmpegFolder { get; set; } = "";

    /// <summary>Longest time one ffprobe call may take before it is killed (<see cref="AudioErrorReason.Timeout"/>). Default 30 s; range 0.1 s to 1 h.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time one ffmpeg decode may take before it is killed (<see cref="AudioErrorReason.Timeout"/>). Default 120 s; range 0.001 s to 1 h.</summary>
    public TimeSpan DecodeTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// A copy with segments of <paramref name="segmentSeconds"/> (a model's), the shortest accepted track capped at one
    /// segment; every other setting as here.
    /// </summary>
    public AudioOptions ForSegments(double segmentSeconds)
    {
        var copy = (AudioOptions)MemberwiseClone();
        copy.SegmentSeconds = segmentSeconds;
        copy.MinimumTrackSeconds = Math.Min(MinimumTrackSeconds, segmentSeconds);
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of its range.</summary>
    public void Validate()
    {
        if (SegmentSeconds is not (9 or 3))
            throw new ArgumentOutOfRangeException(nameof(SegmentSeconds), SegmentSeconds, "Segment length must be 9 or 3 seconds.");
        if (SegmentCount is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(SegmentCount), SegmentCount, "Segment count must be 1 to 100.");
        if (!(MinimumTrackSeconds > 0 && MinimumTrackSeconds <= SegmentSeconds))
            throw new ArgumentOutOfRangeException(nameof(MinimumTrackSeconds), MinimumTrackSeconds, "Minimum track length must be above 0 and at most one segment.");
        if (SilenceThresholdDbfs is < -120 or > 0 || double.IsNaN(SilenceThresholdDbfs))
            throw new ArgumentOutOfRangeException(nameof(SilenceThresholdDbfs), SilenceThresholdDbfs, "Silence threshold must be -120 to 0 dBFS.");
        if (WholeFileDecodeMaxRatio is { } ratio && (ratio is < 1 or > 1000 || double.IsNaN(ratio)))
            throw new ArgumentOutOfRangeException(nameof(WholeFileDecodeMaxRatio), WholeFileDecodeMaxRatio, "Whole-file decode ratio must be 1 to 1000.");
        if (EndToleranceSeconds is < 0 or > 1 || double.IsNaN(EndToleranceSeconds))
            throw new ArgumentOutOfRangeException(nameof(EndToleranceSeconds), EndToleranceSeconds, "End tolerance must be 0 to 1 second.");
        if (ProbeTimeout < TimeSpan.FromMilliseconds(100) || ProbeTimeout > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(ProbeTimeout), ProbeTimeout, "Probe timeout must be 0.1 s to 1 h.");
        if (DecodeTimeout < TimeSpan.FromMilliseconds(1) || DecodeTimeout > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(DecodeTimeout), DecodeTimeout, "Decode timeout must be 1 ms to 1 h.");
        if (BatchTracks is < 1 or > 64)
            throw new ArgumentOutOfRangeException(nameof(BatchTracks), BatchTracks, "Batch size must be 1 to 64 tracks.");
        if (BatchWait < TimeSpan.Zero || BatchWait > TimeSpan.FromSeconds(10))
            throw new ArgumentOutOfRangeException(nameof(BatchWait), BatchWait, "Batch wait must be 0 to 10 s.");
        if (BatchGather < TimeSpan.Zero || BatchGather > TimeSpan.FromSeconds(1))
            throw new ArgumentOutOfRangeException(nameof(BatchGather), BatchGather, "Batch gathering must be 0 to 1 s.");
        if (DecodeProcesses is < 0 or > 1024)
            throw new ArgumentOutOfRangeException(nameof(DecodeProcesses), DecodeProcesses, "Decode processes must be 0 to 1024.");
        ArgumentNullException.ThrowIfNull(FfmpegFolder);
        ArgumentNullException.ThrowIfNull(BatchFolder);
        if (!Enum.IsDefined(DecodeEngine))
            throw new ArgumentOutOfRangeException(nameof(DecodeEngine), DecodeEngine, "Decode engine must be Ffmpeg or Libav.");
        if (DecodeEngine == AudioDecodeEngine.Libav && Libav.LibavApi.Availability is { } unavailable)
            throw new ArgumentException($"Decode engine Libav: {unavailable}.", nameof(DecodeEngine));
    }
}
