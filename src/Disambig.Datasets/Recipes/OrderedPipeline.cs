namespace Disambig.Datasets.Recipes;

/// <summary>Runs up to a fixed number of items ahead in parallel while consuming their results strictly in order.</summary>
internal static class OrderedPipeline
{
    /// <param name="count">Items 0..count-1.</param>
    /// <param name="window">Items started ahead of the one being consumed, at least 1.</param>
    /// <param name="start">Starts the work of an item.</param>
    /// <param name="consume">Takes the results one at a time, in item order.</param>
    public static async Task RunAsync<T>(
        int count, int window, Func<int, CancellationToken, Task<T>> start, Func<int, T, Task> consume, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new Queue<(int Index, Task<T> Work)>();
        try
        {
            for (int next = 0; next < count || running.Count > 0;)
            {
                while (next < count && running.Count < window)
                {
                    running.Enqueue((next, start(next, stop.Token)));
                    next++;
                }
                var (index, work) = running.Dequeue();
                await consume(index, await work);
            }
        }
        finally
        {
            // On failure or cancellation, stop the work started ahead and wait for it, so no decoder outlives the call.
            await stop.CancelAsync();
            await Task.WhenAll(running.Select(r => r.Work)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
