using System.Globalization;
using Disambig.Embedding.Networks;

namespace Disambig.Embedding.Checkpoints;

/// <summary>Model version ids: readable, sortable by time, unique.</summary>
public static class ModelVersion
{
    /// <summary>e.g. <c>metric-d32-9s-20251127-230501-3fa2c1</c>.</summary>
    public static string Create(NetworkSpec spec, int segmentSeconds, DateTimeOffset time)
    {
        var kind = spec.Kind.ToString().ToLowerInvariant();
        var stamp = time.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var unique = Guid.NewGuid().ToString("N")[..6];
        return $"{kind}-d{spec.Dim}-{segmentSeconds}s-{stamp}-{unique}";
    }
}
