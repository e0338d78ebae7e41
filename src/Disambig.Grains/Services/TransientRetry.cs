using Disambig.Grains.Names;

namespace Disambig.Grains.Services;

/// <summary>
/// Asks an idempotent grain call again after a transient failure: the call or the callee's activation timed out (a
/// loaded cluster, a slow store such as Azurite on a busy machine), its silo was lost, or storage was unreachable.
/// Other errors pass at once.
/// </summary>
internal static class TransientRetry
{
    /// <summary>Calls in all before the last transient failure is thrown.</summary>
    public const int MaxAttempts = 3;

    /// <param name="call">The call, told its attempt number (1 for the first).</param>
    public static async Task<T> RunAsync<T>(Func<int, Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(attempt);
            }
            catch (Exception e) when (attempt < MaxAttempts && IsTransient(e))
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    public static bool IsTransient(Exception e) =>
        e is TimeoutException or OperationCanceledException or SiloUnavailableException or OrleansMessageRejectionException || StorageOutage.IsCause(e);
}
