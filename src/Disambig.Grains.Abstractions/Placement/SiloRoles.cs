namespace Disambig.Grains.Placement;

/// <summary>The roles a silo can declare, published in its Orleans silo metadata.</summary>
public static class SiloRoles
{
    /// <summary>Silo metadata key whose value is the comma-separated role list.</summary>
    public const string MetadataKey = "disambig.roles";

    /// <summary>Silo metadata key whose value is the silo's processor count (the worker pool's size is the sum over worker silos).</summary>
    public const string CoresKey = "disambig.cores";

    /// <summary>Runs the embedding model (GPU when present).</summary>
    public const string Inference = "inference";

    /// <summary>Runs training jobs.</summary>
    public const string Trainer = "trainer";

    /// <summary>Decodes audio, computes features, orchestrates sweeps and names.</summary>
    public const string Worker = "worker";

    public static readonly IReadOnlyList<string> All = [Inference, Trainer, Worker];

    /// <summary>Parses a comma-separated role list; unknown roles are an error naming them.</summary>
    public static IReadOnlySet<string> Parse(string? roles)
    {
        var parsed = (roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(role => role.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        var unknown = parsed.Except(All).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown silo role(s): {string.Join(", ", unknown)}. Known roles: {string.Join(", ", All)}.", nameof(roles));
        return parsed;
    }

    /// <summary>The metadata value for a role set, in a stable order.</summary>
    public static string Format(IEnumerable<string> roles) => string.Join(",", roles.Order(StringComparer.Ordinal));
}
