using System.Collections.Concurrent;

namespace Disambig.Silo.Bench;

/// <summary>
/// The largest grain state and the largest grain call of this silo so far, in serialized bytes, and how many storage
/// operations of each kind it asked for (grain state by state name, store operations by blob kind, HTTP requests).
/// </summary>
public sealed class BenchSizes
{
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, long> _operations = new(StringComparer.Ordinal);
    private Largest _state = new(0, "");
    private Largest _message = new(0, "");

    /// <summary>The largest of both so far, with what they were.</summary>
    public BenchSizesReport Report()
    {
        var operations = new SortedDictionary<string, long>(_operations, StringComparer.Ordinal);
        lock (_lock) return new BenchSizesReport(_state.Bytes, _state.What, _message.Bytes, _message.What, operations);
    }

    /// <summary>One storage operation of <paramref name="kind"/> was asked (e.g. <c>state name: read</c>).</summary>
    public void Operation(string kind) => _operations.AddOrUpdate(kind, 1, static (_, count) => count + 1);

    /// <summary>A grain state of <paramref name="bytes"/> was written.</summary>
    public void State(long bytes, Func<string> what) => Keep(ref _state, bytes, what);

    /// <summary>A grain call carried <paramref name="bytes"/> (its arguments, or its result).</summary>
    public void Message(long bytes, Func<string> what) => Keep(ref _message, bytes, what);

    private void Keep(ref Largest largest, long bytes, Func<string> what)
    {
        // Read without the lock first: almost every call is smaller than the largest.
        if (bytes <= Volatile.Read(ref largest).Bytes) return;
        lock (_lock)
        {
            if (bytes > largest.Bytes) largest = new Largest(bytes, what());
        }
    }

    private sealed record Largest(long Bytes, string What);
}

/// <summary>What <c>GET /bench/sizes</c> answers.</summary>
/// <param name="LargestStateBytes">Largest grain state written, serialized.</param>
/// <param name="LargestState">Its state name and grain id.</param>
/// <param name="LargestMessageBytes">Largest grain call's arguments or result, serialized.</param>
/// <param name="LargestMessage">Its interface, method and direction.</param>
/// <param name="Operations">Storage operations so far by kind: <c>state {name}: read|write|clear</c> (grain storage),
/// <c>blob {kind}: info|read|write|list|delete</c> (the pipeline's stores), <c>http {METHOD} {container or table}</c>
/// (requests sent to the storage service, with the status when not a success).</param>
public sealed record BenchSizesReport(long LargestStateBytes, string LargestState, long LargestMessageBytes, string LargestMessage,
    IReadOnlyDictionary<string, long> Operations);
