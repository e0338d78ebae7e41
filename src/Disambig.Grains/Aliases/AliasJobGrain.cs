using Disambig.Aliases;
using Disambig.Clustering.Calibration;
using Disambig.Grains.Placement;
using Disambig.Grains.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Disambig.Grains.Aliases;

/// <summary>
/// The alias job on a worker silo. One activation holds the whole index: at ~580 bytes an entity (d = 32,
/// docs/benchmarks.md) 1 000 000 entities take ~0.5 GiB and the index shards itself every
/// <see cref="AliasJobOptions.MaxEntitiesPerShard"/> entities, so one worker silo holds catalogs of several million
/// entities; the gathering pages through the catalog's names (never one message with all of them). Runs go one at a
/// time in the background of the activation (requests queued meanwhile are merged); the CPU work of the index runs on
/// the silo's <see cref="CpuWorkScheduler"/>, off the thread pool. The index lives in memory only: a fresh activation asked for an incremental run does a full one.
/// </summary>
[WorkerRolePlacement]
internal sealed partial class AliasJobGrain(
    ResultStore results,
    AliasStore store,
    IOptions<AliasJobOptions> options,
    TimeProvider time,
    CpuWorkScheduler cpu,
    ILogger<AliasJobGrain> logger) : Grain, IAliasJobGrain
{
    private const int MaxTriggersKept = 100;

    private readonly Dictionary<string, string> _displayNames = new(StringComparer.Ordinal);
    private readonly List<string> _completedTriggers = [];
    private AliasIndex? _index;
    private string? _indexModel;
    private Task? _running;
    private bool _pendingFull;
    private readonly HashSet<string> _pendingNames = new(StringComparer.Ordinal);
    private readonly List<string> _pendingTriggers = [];
    private AliasManifest? _manifest;
    private IReadOnlyList<AliasCandidate> _suggestions = [];
    private ILookup<string, AliasCandidate> _suggestionsByName = Array.Empty<AliasCandidate>().ToLookup(s => s.Left.NameKey);
    private bool _loaded;
    private string? _error;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _index?.Dispose();
        _index = null;
        return Task.CompletedTask;
    }

    public async Task<AliasJobStatus> Refresh(AliasRefresh request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await LoadAsync();
        if (request.Names is null) _pendingFull = true;
        else _pendingNames.UnionWith(request.Names);
        _pendingTriggers.Add(request.Trigger);
        if (_running is not { IsCompleted: false }) _running = RunQueuedAsync();
        return Status();
    }

    public async Task<AliasJobStatus> GetStatus()
    {
        await LoadAsync();
        return Status();
    }

    public async Task<AliasPage> List(string? cursor, int limit)
    {
        if (limit is < 1 or > AliasJobs.MaxPageSize)
            throw new ArgumentException($"The page size {limit} is out of range: 1 to {AliasJobs.MaxPageSize}.", nameof(limit));
        await LoadAsync();
        var offset = AliasCursor.Parse(cursor, _manifest?.RunId);
        var items = _suggestions.Skip(offset).Take(limit).ToList();
        var next = offset + items.Count < _suggestions.Count ? AliasCursor.Of(_manifest!.RunId, offset + items.Count) : null;
        return new AliasPage(items, next, _suggestions.Count, _manifest?.RunId);
    }

    public async Task<IReadOnlyList<AliasCandidate>> ForName(string nameKey)
    {
        await LoadAsync();
        return [.. _suggestionsByName[nameKey]];
    }

    private AliasJobStatus Status() => new(
        _running is { IsCompleted: false } ? AliasJobState.Running : _error is not null ? AliasJobState.Failed : _manifest is null ? AliasJobState.NeverRun : AliasJobState.Idle,
        _manifest?.RunId, _manifest?.Trigger, _manifest?.Entities ?? 0, _manifest?.Queried ?? 0, _manifest?.Total ?? 0, _manifest?.CompletedAt,
        _error, [.. _completedTriggers]);

    /// <summary>Reads the current suggestions back once per activation (the grain serves them from memory).</summary>
    private async Task LoadAsync()
    {
        if (_loaded) return;
        _manifest = await store.ReadManifestAsync(CancellationToken.None);
        if (_manifest is not null)
        {
            Hold(await store.ReadAllAsync(_manifest, CancellationToken.None));
            _completedTriggers.Add(_manifest.Trigger);
        }
        _loaded = true;
    }

    /// <summary>Runs queued requests until none is left; a failed run is logged and recorded, and the queue goes on.</summary>
    private async Task RunQueuedAsync()
    {
        try
        {
            while (_pendingFull || _pendingNames.Count > 0)
            {
                var full = _pendingFull;
                var names = _pendingNames.ToList();
                var triggers = _pendingTriggers.ToList();
                _pendingFull = false;
                _pendingNames.Clear();
                _pendingTriggers.Clear();
                DelayDeactivation(TimeSpan.FromHours(1));
                try
                {
                    await RunAsync(full, names, triggers[^1], CancellationToken.None);
                    _error = null;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The index may be half updated: the next run rebuilds it in full.
                    _index?.Dispose();
                    _index = null;
                    _error = $"{e.GetType().Name}: {e.Message}";
                    LogFailed(e, triggers[^1]);
                }
                _completedTriggers.AddRange(triggers);
                if (_completedTriggers.Count > MaxTriggersKept) _completedTriggers.RemoveRange(0, _completedTriggers.Count - MaxTriggersKept);
            }
        }
        finally
        {
            _running = null;
        }
    }

    private async Task RunAsync(bool full, IReadOnlyList<string> names, string trigger, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (model, modelVersion) = await ModelAsync(settings);
        full |= _index is null || modelVersion != _indexModel;
        if (full)
        {
            _index?.Dispose();
            _index = new AliasIndex(model, settings.Core());
            _indexModel = modelVersion;
            _displayNames.Clear();
        }
        var queried = 0;
        var pages = full ? GrainFactory.ListNamePagesAsync(CatalogResults.ResultPage, cancellationToken) : Pages(names);
        await foreach (var page in pages)
        {
            var entities = await GatherAsync(page, settings.GatherConcurrency, cancellationToken);
            var index = _index!;
            queried += (await cpu.RunAsync(() => index.Replace(page, entities, cancellationToken), cancellationToken)).QueriedEntities;
        }
        var suggestions = await cpu.RunAsync(() => _index!.Suggestions(), cancellationToken);
        var candidates = suggestions.Select(s => AliasEntities.ToCandidate(s, key => _displayNames.GetValueOrDefault(key, key))).ToList();
        var runId = $"{time.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}"[..28];
        _manifest = await store.WriteAsync(new AliasManifest(runId, trigger, 0, 0, _index!.Count, queried, time.GetUtcNow()), candidates, settings.PageSize, cancellationToken);
        Hold(candidates);
        LogCompleted(trigger, full, _index.Count, queried, candidates.Count, _index.ShardCount);
    }

    /// <summary>Serves <paramref name="suggestions"/> from now on, indexed by the names on either side.</summary>
    private void Hold(IReadOnlyList<AliasCandidate> suggestions)
    {
        _suggestions = suggestions;
        _suggestionsByName = suggestions
            .SelectMany(s => new[] { (Name: s.Left.NameKey, Suggestion: s), (Name: s.Right.NameKey, Suggestion: s) })
            .ToLookup(p => p.Name, p => p.Suggestion, StringComparer.Ordinal);
    }

    private static async IAsyncEnumerable<IReadOnlyList<string>> Pages(IReadOnlyList<string> names)
    {
        foreach (var page in names.Chunk(CatalogResults.ResultPage)) yield return page;
        await Task.CompletedTask;
    }

    /// <summary>The placed entities of one page of names: each name's result (from the results store) and its tracks' details.</summary>
    private async Task<IReadOnlyList<AliasEntity>> GatherAsync(IReadOnlyList<string> names, int concurrency, CancellationToken cancellationToken)
    {
        var perName = await BoundedFanOut.RunAsync(names, concurrency, async name =>
        {
            var result = await results.ReadNameAsync(name, cancellationToken);
            if (result is null) return (Display: (string?)null, Entities: (IReadOnlyList<AliasEntity>)[]);
            var tracks = await GrainFactory.GetGrain<IArtistNameGrain>(name).ReadAllTracksAsync();
            return (Display: result.DisplayName, Entities: AliasEntities.From(result, tracks));
        });
        foreach (var (name, found) in names.Zip(perName))
        {
            if (found.Display is { } display) _displayNames[name] = display;
        }
        return [.. perName.SelectMany(p => p.Entities)];
    }

    /// <summary>The current model version's calibrated alias model, or the configured fallback.</summary>
    private async Task<(AliasModel Model, string? Version)> ModelAsync(AliasJobOptions settings)
    {
        var current = await GrainFactory.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).GetCurrent();
        var model = current?.Aliases is { } calibrated
            ? new AliasModel(calibrated.Threshold, new PlattScaling(calibrated.PlattA, calibrated.PlattB), calibrated.LowEvidenceCap, calibrated.LogDistance)
            : settings.FallbackModel();
        return (model, current?.Version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alias run after {Trigger} (full: {Full}): {Entities} entities in {Shards} shard(s), {Queried} searched, {Suggestions} suggestions")]
    private partial void LogCompleted(string trigger, bool full, int entities, int queried, int suggestions, int shards);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alias run after {Trigger} failed; the previous suggestions stay")]
    private partial void LogFailed(Exception error, string trigger);
}

/// <summary>Cursors of the alias pages: <c>{run id}:{offset}</c>, so a cursor of an earlier run is refused, not misread.</summary>
public static class AliasCursor
{
    public static string Of(string runId, int offset) => $"{runId}:{offset}";

    /// <summary>The offset of <paramref name="cursor"/> (0 for null).</summary>
    /// <exception cref="ArgumentException">Not a cursor of the current run <paramref name="runId"/>.</exception>
    public static int Parse(string? cursor, string? runId)
    {
        if (string.IsNullOrEmpty(cursor)) return 0;
        var colon = cursor.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(cursor.AsSpan(colon + 1), out var offset) || offset < 0)
            throw new ArgumentException($"'{cursor}' is not an alias page cursor.", nameof(cursor));
        if (!string.Equals(cursor[..colon], runId, StringComparison.Ordinal))
            throw new ArgumentException($"The cursor '{cursor}' belongs to an earlier alias run; start again without a cursor.", nameof(cursor));
        return offset;
    }
}
