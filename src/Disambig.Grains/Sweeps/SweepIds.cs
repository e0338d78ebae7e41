namespace Disambig.Grains;

/// <summary>Sweep ids: 1 to 100 letters, digits, '.', '-' or '_', not starting with '.', so they are safe object names.</summary>
public static class SweepIds
{
    public static string Validate(string sweepId)
    {
        ArgumentNullException.ThrowIfNull(sweepId);
        if (sweepId.Length is 0 or > 100 || sweepId[0] == '.' || !sweepId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            throw new ArgumentException($"Sweep id '{sweepId}' must be 1 to 100 letters, digits, '.', '-' or '_', not starting with '.'.", nameof(sweepId));
        return sweepId;
    }

    /// <summary>A new id for a sweep started now: "{kind}-{yyyyMMdd-HHmmss}-{random}".</summary>
    public static string New(string kind, DateTimeOffset now) =>
        Validate($"{kind}-{now.UtcDateTime:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}");
}
