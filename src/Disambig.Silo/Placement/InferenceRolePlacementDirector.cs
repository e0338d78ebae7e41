using Disambig.Grains.Placement;
using Orleans.Runtime.Placement;

namespace Disambig.Silo.Placement;

/// <summary>
/// Chooses, among the compatible silos, one whose published metadata lists <paramref name="role"/>; the calling silo
/// first when it has the role and <paramref name="preferLocal"/> (no network hop for the segments), else one at random.
/// </summary>
internal abstract class RolePlacementDirector(SiloRoleView roles, string role, bool preferLocal = true) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var candidates = context.GetCompatibleSilos(target).Where(silo => roles.Has(silo, role)).ToArray();
        if (candidates.Length == 0) throw NoSiloWithRole();
        var local = context.LocalSilo;
        var chosen = preferLocal && candidates.Contains(local) ? local : candidates[Random.Shared.Next(candidates.Length)];
        return Task.FromResult(chosen);
    }

    /// <summary>The error callers get while no silo has the role.</summary>
    protected abstract NoSiloWithRoleException NoSiloWithRole();

}

/// <summary>Places inference grains on inference-role silos only.</summary>
internal sealed class InferenceRolePlacementDirector(SiloRoleView roles) : RolePlacementDirector(roles, SiloRoles.Inference)
{
    protected override NoSiloWithRoleException NoSiloWithRole() => new NoInferenceSiloException();
}

/// <summary>Places trainer grains on trainer-role silos only.</summary>
internal sealed class TrainerRolePlacementDirector(SiloRoleView roles) : RolePlacementDirector(roles, SiloRoles.Trainer)
{
    protected override NoSiloWithRoleException NoSiloWithRole() => new(SiloRoles.Trainer);
}

/// <summary>Places name and track grains on worker-role silos, at random among them so the pool shares the work.</summary>
internal sealed class WorkerRolePlacementDirector(SiloRoleView roles) : RolePlacementDirector(roles, SiloRoles.Worker, preferLocal: false)
{
    protected override NoSiloWithRoleException NoSiloWithRole() => new(SiloRoles.Worker);
}

/// <summary>
/// Places track grains on the calling silo when it is a worker (beside the name that asks them), else on a worker at
/// random (a client's or an inference silo's call).
/// </summary>
internal sealed class WorkerLocalPlacementDirector(SiloRoleView roles) : RolePlacementDirector(roles, SiloRoles.Worker, preferLocal: true)
{
    protected override NoSiloWithRoleException NoSiloWithRole() => new(SiloRoles.Worker);
}
