using Disambig.Grains.Placement;

namespace Disambig.Grains.Hosting;

/// <summary>What the pipeline sizes itself by: the active silos of each role and the worker pool's cores.</summary>
public interface IClusterRoles
{
    /// <summary>Active silos that declare <paramref name="role"/> (see <see cref="SiloRoles"/>).</summary>
    int SilosWithRole(string role);

    /// <summary>Processor cores of the active worker silos, together.</summary>
    int WorkerCores();
}

/// <summary>One silo holding every role (the default when the host registers no membership-based view).</summary>
internal sealed class SingleSiloRoles : IClusterRoles
{
    public int SilosWithRole(string role) => 1;

    public int WorkerCores() => Environment.ProcessorCount;
}
