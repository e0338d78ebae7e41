using System.Net.Sockets;
using Azure;
using Orleans.Serialization;

namespace Disambig.Grains.Names;

/// <summary>
/// Recognises an error caused by storage being unreachable (an Azure outage, Azurite restarting): waited out, never
/// held against a track. The storage client's error carries the connection error inside it; errors that crossed a silo
/// boundary may arrive as Orleans' fallback exception, which keeps only the original type's name.
/// </summary>
internal static class StorageOutage
{
    private static readonly string[] UnreachableTypes =
        [typeof(HttpRequestException).FullName!, typeof(SocketException).FullName!];

    /// <summary>True when <paramref name="error"/> or an exception inside it says storage could not be reached.</summary>
    public static bool IsCause(Exception? error) => Flatten(error).Any(IsUnreachable);

    private static bool IsUnreachable(Exception e) => e switch
    {
        // Status 0: no response at all; 408, 429 and 5xx: the service is there but cannot answer now.
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException or SocketException => true,
        UnavailableExceptionFallbackException fallback => UnreachableTypes.Any(type => fallback.ExceptionType?.StartsWith(type, StringComparison.Ordinal) == true),
        _ => false,
    };

    private static IEnumerable<Exception> Flatten(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
            if (error is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
            }
        }
    }
}
