namespace Disambig.Grains.Placement;

/// <summary>
/// No silo of the cluster declares the inference role (none started yet, or all restarting).
/// Callers wait and retry: it is a pause in the sweep, never a track failure.
/// </summary>
[GenerateSerializer, Alias("Disambig.NoInferenceSiloException")]
public sealed class NoInferenceSiloException : Exception
{
    public NoInferenceSiloException()
        : base($"No silo with the '{SiloRoles.Inference}' role is in the cluster; start one (metadata {SiloRoles.MetadataKey}={SiloRoles.Inference}).")
    {
    }

    public NoInferenceSiloException(string message) : base(message)
    {
    }

    public NoInferenceSiloException(string message, Exception inner) : base(message, inner)
    {
    }
}
