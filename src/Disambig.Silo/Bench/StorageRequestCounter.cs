using System.Diagnostics;
using System.Net;

namespace Disambig.Silo.Bench;

/// <summary>
/// Counts the HTTP requests this process sends (the Azure Storage clients' requests to blobs and tables: grain state,
/// stores, membership, reminders), by method, target (container or table) and status, from the activities of
/// <c>System.Net.Http</c>: what the storage service serves, where the grain storage and store counts say what the
/// pipeline asked. Listens from construction until disposed.
/// </summary>
internal sealed class StorageRequestCounter : IDisposable
{
    private readonly BenchSizes _sizes;
    private readonly string _containerPrefix;
    private readonly ActivityListener _listener;

    /// <param name="sizes">Where the counts go.</param>
    /// <param name="containerPrefix">The cluster's container prefix, left out of the targets (so that runs compare).</param>
    public StorageRequestCounter(BenchSizes sizes, string containerPrefix)
    {
        _sizes = sizes;
        _containerPrefix = containerPrefix;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Count,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    private void Count(Activity activity)
    {
        var method = activity.GetTagItem("http.request.method") as string ?? "?";
        var status = activity.GetTagItem("http.response.status_code")?.ToString() ?? "no answer";
        var url = activity.GetTagItem("url.full") as string;
        _sizes.Operation(Kind(method, url, status, _containerPrefix));
    }

    /// <summary>
    /// <c>http {METHOD} {target}</c>, with <c> ({status})</c> when the answer was not a success: the target is the first
    /// segment of the path (the container or table; after the account for a path-style address such as Azurite's),
    /// without <paramref name="containerPrefix"/>, a table's key or query (<c>(...)</c>) cut off.
    /// </summary>
    internal static string Kind(string method, string? url, string status, string containerPrefix)
    {
        var target = "?";
        if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            var segments = uri.AbsolutePath.Trim('/').Split('/');
            var pathStyle = uri.IsLoopback || IPAddress.TryParse(uri.Host, out _);
            var at = pathStyle ? 1 : 0;
            target = at < segments.Length && segments[at].Length > 0 ? segments[at] : "(account)";
            var key = target.IndexOf('(', StringComparison.Ordinal);
            if (key > 0) target = target[..key];
            if (containerPrefix.Length > 0 && target.StartsWith(containerPrefix, StringComparison.Ordinal)) target = target[containerPrefix.Length..];
        }
        var success = status.Length == 3 && status[0] == '2';
        return success ? $"http {method} {target}" : $"http {method} {target} ({status})";
    }
}
