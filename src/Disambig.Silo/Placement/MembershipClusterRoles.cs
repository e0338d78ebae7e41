using Disambig.Grains.Hosting;
using Disambig.Grains.Placement;

namespace Disambig.Silo.Placement;

/// <summary>The active silos of each role and the worker pool's cores, from membership and the silos' roles.</summary>
internal sealed class MembershipClusterRoles(IClusterMembershipService membership, SiloRoleView roles) : IClusterRoles
{
    public int SilosWithRole(string role) => ActiveWith(role).Count();

    public int WorkerCores() => ActiveWith(SiloRoles.Worker).Sum(roles.CoresOf);

    private IEnumerable<SiloAddress> ActiveWith(string role) =>
        membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active && roles.Has(member.SiloAddress, role))
            .Select(member => member.SiloAddress);
}
