namespace Disambig.Grains.Hosting;

/// <summary>Concurrency and pacing of sweeps. Validated once at silo start by <see cref="Validate"/>.</summary>
public sealed class PipelineOptions
{
    /// <summary>
    /// Names of one sweep in flight at once (the sliding window). Default 0: derived from the worker pool,
    /// <see cref="TracksInFlightPerCore"/> x the worker silos' cores / <see cref="TracksPerName"/> (16 names on 2 cores
    /// by default), so adding worker silos widens it. Range: 0, or 1 to 4096.
    /// </summary>
    public int NameWindow { get; set; }

    /// <summary>Track requests in flight per core of the worker pool, when <see cref="NameWindow"/> is derived. Default 32; range 1 to 1024.</summary>
    public int TracksInFlightPerCore { get; set; } = 32;

    /// <summary>
    /// Names one running sweep partition checks at once for being unchanged (<see cref="NameRunRequest.CheckOnly"/>:
    /// one listing per release folder, no track), beside its window of names that run: a nightly sweep in which little
    /// changed is bounded by these checks' latency, not by the tracks' window. Default 16; range 1 to 1024.
    /// </summary>
    public int NameCheckWindow { get; set; } = 16;

    /// <summary>Track requests of one name in flight at once. Default 4; range 1 to 256.</summary>
    public int TracksPerName { get; set; } = 4;

    /// <summary>
    /// Inference grain keys per model version and per active inference silo (activations spread over the inference silos;
    /// more inference silos, more keys). Default 4; range 1 to 1024.
    /// </summary>
    public int InferenceSlots { get; set; } = 4;

    /// <summary>
    /// Tracks decoded and turned into mel segments at once on one silo. Default: what the audio front's batching needs to
    /// keep every core busy, <see cref="Audio.AudioOptions.TracksInFlight"/> of the default audio options
    /// (2 x cores x 4 tracks per ffmpeg process: 16 on 2 cores; at the processor count, as before issue 14's seventh
    /// round, every track paid an ffmpeg start of its own); range 1 to 4096.
    /// </summary>
    public int FeatureConcurrency { get; set; } = new Audio.AudioOptions().TracksInFlight;

    /// <summary>Wait before asking a track again after a transient error (no inference silo, a silo lost). Default 2 s; range 10 ms to 5 min.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest wait between two questions to a track while storage is unreachable (the wait doubles from
    /// <see cref="RetryDelay"/> up to this). Default 1 min; range <see cref="RetryDelay"/> to 10 min.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Attempts of one track after errors other than "no inference silo" and unreachable storage (both waited out without
    /// limit) before the track is recorded as failed. Default 10; range 1 to 1000.
    /// </summary>
    public int MaxTrackAttempts { get; set; } = 10;

    /// <summary>
    /// Failed runs of one name in one sweep (an error outside its tracks: clustering, storage of its result) before the
    /// name is recorded as <see cref="NameDecision.NameFailed"/> and the sweep moves on. Default 3; range 1 to 100.
    /// </summary>
    public int MaxNameAttempts { get; set; } = 3;

    /// <summary>How often a sweep asks its in-flight names where they are, restarting lost ones. Default 10 s; range 100 ms to 10 min.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest time between two writes of a running sweep coordinator's state, and between two pushes of a partition's
    /// live counters (at most once a second). Default 2 s; range 0 to 10 min.
    /// </summary>
    public TimeSpan ProgressWriteInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Outcomes a sweep partition gathers before appending them to its result blobs as one chunk (it also flushes after
    /// <see cref="SweepFlushInterval"/>, and when its walk ends). Default 256; range 1 to 10 000.
    /// </summary>
    public int SweepFlushOutcomes { get; set; } = 256;

    /// <summary>
    /// Longest time a running sweep partition holds its recorded outcomes and its walk's position before writing them
    /// (one result chunk, then its state; also after <see cref="SweepFlushOutcomes"/> outcomes and when its walk ends).
    /// A catalog's window is spread over its partitions, so each completes a name every few seconds: flushed every 2 s,
    /// each chunk carried one or two outcomes and cost two writes. Progress does not wait for it (live counters are
    /// pushed from memory); outcome listings show a name once its chunk is written; a partition lost before writing asks
    /// its names again, and each answers its stored outcome (counted once whatever the flush). Default 30 s; range 0 to 10 min.
    /// </summary>
    public TimeSpan SweepFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Partitions the catalog's names are spread over (by a stable hash of the name key). Read at the catalog's first
    /// ingestion and kept by the catalog from then on. Default 256; range 1 to 65 536.
    /// </summary>
    public int CatalogPartitions { get; set; } = 256;

    /// <summary>Calls in flight at once while ingesting a batch: partitions per batch, and names per partition. Default 64; range 1 to 1024.</summary>
    public int IngestConcurrency { get; set; } = 64;

    /// <summary>
    /// Most usable tracks of one name clustered by exact Ward; a bigger name is clustered by Ward over k-means++
    /// prototypes, each track taking its prototype's entity (<see cref="Disambig.Clustering.ScalableWard"/>). Default 0:
    /// derived from the silo's memory (the tracks whose distance triangle fits in an eighth of it; about 38 000 at 24 GiB).
    /// Range: 0, or 2 to 100 000.
    /// </summary>
    public int MaxExactClusterTracks { get; set; }

    /// <summary>
    /// Most tracks a name keeps in its grain state, and most tracks its kept result, its sweep outcome's failures and its
    /// <see cref="IArtistNameGrain.GetResult"/> list; a bigger name keeps its tracks in pages of <see cref="NameTrackPageSize"/>
    /// in the results store and its whole result there, so its state and messages stay well under 1 MB. Default 1 000; range 1 to 5 000.
    /// </summary>
    public int NameInlineTracks { get; set; } = 1_000;

    /// <summary>Tracks per page of a big name's track list (<c>names/{name}/tracks/</c> in the results store). Default 5 000; range 1 to 5 000.</summary>
    public int NameTrackPageSize { get; set; } = NameResultPages.MaxPageSize;

    /// <summary>
    /// Grain locations a silo caches (Orleans' <c>GrainDirectoryOptions.CacheSize</c>, least recently used kept). A sweep
    /// activates each name and track once, so with Orleans' default (1 000 000) the cache fills with the locations of
    /// activations long gone, hundreds of MB per silo at catalog scale, and the dashboard's once-a-second directory
    /// gauge counts every entry; the hot grains (sweeps, partitions, catalog, inference, registry) fit in a few thousand.
    /// Default 20 000; range 100 to 1 000 000.
    /// </summary>
    public int DirectoryCacheSize { get; set; } = 20_000;

    /// <summary>The sweep's window: <see cref="NameWindow"/>, or derived from the worker pool's <paramref name="workerCores"/> when 0.</summary>
    public int NameWindowFor(int workerCores) =>
        NameWindow > 0 ? NameWindow : Math.Clamp(TracksInFlightPerCore * Math.Max(1, workerCores) / TracksPerName, 1, 4096);

    /// <summary>Inference grain keys of one model version with <paramref name="inferenceSilos"/> active inference silos.</summary>
    public int InferenceKeysFor(int inferenceSilos) => InferenceSlots * Math.Max(1, inferenceSilos);

    /// <summary><see cref="MaxExactClusterTracks"/>, or the ceiling derived from memory when it is 0.</summary>
    public int ExactClusterCeiling() =>
        MaxExactClusterTracks > 0 ? MaxExactClusterTracks : Disambig.Clustering.ScalableWard.MaxExactPoints(Disambig.Clustering.ScalableWard.DefaultTriangleBudget);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public PipelineOptions Validate()
    {
        InRange(NameWindow, 0, 4096, nameof(NameWindow));
        InRange(TracksInFlightPerCore, 1, 1024, nameof(TracksInFlightPerCore));
        InRange(TracksPerName, 1, 256, nameof(TracksPerName));
        InRange(NameCheckWindow, 1, 1024, nameof(NameCheckWindow));
        InRange(InferenceSlots, 1, 1024, nameof(InferenceSlots));
        InRange(FeatureConcurrency, 1, 4096, nameof(FeatureConcurrency));
        InRange(MaxTrackAttempts, 1, 1000, nameof(MaxTrackAttempts));
        InRange(MaxNameAttempts, 1, 100, nameof(MaxNameAttempts));
        if (MaxExactClusterTracks != 0) InRange(MaxExactClusterTracks, 2, 100_000, nameof(MaxExactClusterTracks));
        InRange(NameInlineTracks, 1, NameResultPages.MaxPageSize, nameof(NameInlineTracks));
        InRange(NameTrackPageSize, 1, NameResultPages.MaxPageSize, nameof(NameTrackPageSize));
        InRange(SweepFlushOutcomes, 1, 10_000, nameof(SweepFlushOutcomes));
        InRange(CatalogPartitions, 1, CatalogPartitioning.MaxPartitions, nameof(CatalogPartitions));
        InRange(IngestConcurrency, 1, 1024, nameof(IngestConcurrency));
        InRange(DirectoryCacheSize, 100, 1_000_000, nameof(DirectoryCacheSize));
        InRange(RetryDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5), nameof(RetryDelay));
        InRange(MaxRetryDelay, RetryDelay, TimeSpan.FromMinutes(10), nameof(MaxRetryDelay));
        InRange(PollInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10), nameof(PollInterval));
        InRange(ProgressWriteInterval, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(ProgressWriteInterval));
        InRange(SweepFlushInterval, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(SweepFlushInterval));
        return this;
    }

    private static void InRange<T>(T value, T min, T max, string name) where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [{min}, {max}].");
    }
}
