using Disambig.Grains.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Disambig.Silo.Placement;

/// <summary>
/// Chooses, among the compatible silos, one whose published metadata lists the inference role;
/// the calling silo first when it has the role (no network hop for the segments), else one at random.
/// </summary>
internal sealed class InferenceRolePlacementDirector(ISiloMetadataCache metadata) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var candidates = context.GetCompatibleSilos(target).Where(HasInferenceRole).ToArray();
        if (candidates.Length == 0) throw new NoInferenceSiloException();
        var local = context.LocalSilo;
        var chosen = candidates.Contains(local) ? local : candidates[Random.Shared.Next(candidates.Length)];
        return Task.FromResult(chosen);
    }

    private bool HasInferenceRole(SiloAddress silo) =>
        metadata.GetSiloMetadata(silo).Metadata.TryGetValue(SiloRoles.MetadataKey, out var roles)
        && SiloRoles.Parse(roles).Contains(SiloRoles.Inference);
}
