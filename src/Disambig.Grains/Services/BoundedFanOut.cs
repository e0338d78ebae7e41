namespace Disambig.Grains.Services;

/// <summary>
/// Calls a function on every item with at most a fixed number of calls in flight, without a task per item: a few
/// workers take the next item in turn. Runs on the caller's scheduler (a grain's turn-based one inside a grain).
/// </summary>
internal static class BoundedFanOut
{
    /// <param name="items">What to call for.</param>
    /// <param name="concurrency">Most calls in flight at once (at least 1).</param>
    /// <param name="call">The call for one item.</param>
    /// <returns>One result per item, in the order of <paramref name="items"/>.</returns>
    public static async Task<TResult[]> RunAsync<T, TResult>(IReadOnlyList<T> items, int concurrency, Func<T, Task<TResult>> call)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var results = new TResult[items.Count];
        var next = -1;
        async Task WorkAsync()
        {
            for (var index = Interlocked.Increment(ref next); index < items.Count; index = Interlocked.Increment(ref next))
            {
                results[index] = await call(items[index]);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, items.Count)).Select(_ => WorkAsync()));
        return results;
    }
}
