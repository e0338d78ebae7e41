namespace Disambig.Grains;

/// <summary>
/// Feeds a name-list sweep names as they come (the names each batch of a streamed ingestion touches), with memory
/// bounded whatever their number: names are kept, without duplicates, up to <c>bufferNames</c>, then sent sorted by
/// catalog partition in calls of at most <c>callSize</c> (<see cref="ISweepGrain.AddNames"/>), and forgotten. A name
/// sent again in a later flush is skipped by its sweep partition, so it runs and counts once. The sweep is registered
/// with the scheduler at the first flush; <see cref="StartAsync"/> starts it. Given an ingestion's origin, the feed
/// continues the sweep an interrupted run of the same ingestion registered and never started
/// (<see cref="ISweepSchedulerGrain.IngestionSweep"/>): names it already holds are skipped, so the rerun sweeps each once.
/// </summary>
public sealed class NamesSweepFeed
{
    /// <summary>Names kept before a flush by default: a few megabytes, and few plan chunks per partition.</summary>
    public const int DefaultBufferNames = 50_000;

    private readonly IGrainFactory _grains;
    private readonly int _bufferNames;
    private readonly int _callSize;
    private readonly string? _origin;
    private readonly HashSet<string> _buffer = new(StringComparer.Ordinal);
    private ISweepGrain? _sweep;
    private int _partitions;

    /// <param name="grains">A client or grain factory of the cluster.</param>
    /// <param name="bufferNames">Names kept before they are sent (at least 1).</param>
    /// <param name="callSize">Names per call: 1 to <see cref="SweepLimits.MaxNamesPerCall"/>.</param>
    /// <param name="origin">The ingestion's origin (its releases file), the same on every run; null: always a new sweep.</param>
    public NamesSweepFeed(IGrainFactory grains, int bufferNames = DefaultBufferNames, int callSize = SweepLimits.MaxNamesPerCall, string? origin = null)
    {
        _origin = origin;
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferNames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(callSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(callSize, SweepLimits.MaxNamesPerCall);
        _grains = grains;
        _bufferNames = bufferNames;
        _callSize = callSize;
    }

    /// <summary>The sweep's id once registered (at the first flush or start); null before.</summary>
    public string? SweepId { get; private set; }

    /// <summary>True when no name was added yet.</summary>
    public bool IsEmpty => SweepId is null && _buffer.Count == 0;

    /// <summary>Adds names; sends the kept ones when they reach the buffer's size.</summary>
    public async Task AddAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        foreach (var name in names)
        {
            _buffer.Add(name);
            if (_buffer.Count >= _bufferNames) await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Sends the kept names to the sweep (registering it first if needed), sorted by catalog partition.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => FlushAsync(retry: true, cancellationToken);

    private async Task FlushAsync(bool retry, CancellationToken cancellationToken)
    {
        var sweep = await SweepAsync();
        var ordered = _buffer.Select(name => (Partition: CatalogPartitioning.PartitionOf(name, _partitions), Name: name)).Order().Select(pair => pair.Name);
        try
        {
            foreach (var call in ordered.Chunk(_callSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await sweep.AddNames(call);
            }
        }
        catch (InvalidOperationException) when (retry && _origin is not null)
        {
            // Another run of the same ingestion started the sweep this one continued: the kept names go to a new one.
            (_sweep, SweepId) = (null, null);
            await FlushAsync(retry: false, cancellationToken);
            return;
        }
        _buffer.Clear();
    }

    /// <summary>Sends the kept names and starts the sweep of every name added (registered now if none was added).</summary>
    public async Task<SweepProgress> StartAsync(CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        return await (await SweepAsync()).Start(SweepRequest.AddedNames);
    }

    private async Task<ISweepGrain> SweepAsync()
    {
        if (_sweep is not null) return _sweep;
        _partitions = await _grains.GetGrain<ICatalogGrain>(CatalogKeys.Default).GetPartitionCount();
        var scheduler = _grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey);
        SweepId = _origin is null ? await scheduler.NewNamesSweep() : await scheduler.IngestionSweep(_origin);
        return _sweep = _grains.GetGrain<ISweepGrain>(SweepId);
    }
}
