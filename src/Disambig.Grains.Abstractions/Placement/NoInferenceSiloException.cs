namespace Disambig.Grains.Placement;

/// <summary>No silo of the cluster declares a role that a grain needs (none started yet, or all restarting).</summary>
[GenerateSerializer, Alias("Disambig.NoSiloWithRoleException")]
public class NoSiloWithRoleException : Exception
{
    public NoSiloWithRoleException()
    {
    }

    public NoSiloWithRoleException(string role)
        : base($"No silo with the '{role}' role is in the cluster; start one (metadata {SiloRoles.MetadataKey}={role}).")
    {
    }

    public NoSiloWithRoleException(string message, Exception inner) : base(message, inner)
    {
    }
}

/// <summary>
/// No silo of the cluster declares the inference role (none started yet, or all restarting).
/// Callers wait and retry: it is a pause in the sweep, never a track failure.
/// </summary>
[GenerateSerializer, Alias("Disambig.NoInferenceSiloException")]
public sealed class NoInferenceSiloException : NoSiloWithRoleException
{
    public NoInferenceSiloException() : base(SiloRoles.Inference)
    {
    }

    public NoInferenceSiloException(string message, Exception inner) : base(message, inner)
    {
    }
}
