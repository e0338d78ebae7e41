using System.Globalization;
using Disambig.Grains.Hosting;
using Disambig.Grains.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Disambig.Silo.Placement;

/// <summary>The active silos of each role and the worker pool's cores, from membership and the silos' published metadata.</summary>
internal sealed class MembershipClusterRoles(IClusterMembershipService membership, ISiloMetadataCache metadata) : IClusterRoles
{
    public int SilosWithRole(string role) => ActiveWith(role).Count();

    public int WorkerCores() => ActiveWith(SiloRoles.Worker).Sum(Cores);

    private IEnumerable<IReadOnlyDictionary<string, string>> ActiveWith(string role) =>
        membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(member => (IReadOnlyDictionary<string, string>)metadata.GetSiloMetadata(member.SiloAddress).Metadata)
            .Where(published => published.TryGetValue(SiloRoles.MetadataKey, out var roles) && SiloRoles.Parse(roles).Contains(role));

    private static int Cores(IReadOnlyDictionary<string, string> published) =>
        published.TryGetValue(SiloRoles.CoresKey, out var cores) && int.TryParse(cores, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : 1;
}
