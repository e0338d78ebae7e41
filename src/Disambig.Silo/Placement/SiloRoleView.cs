using System.Globalization;
using Disambig.Grains.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Disambig.Silo.Placement;

/// <summary>
/// The roles and cores of a silo: this silo's own from its configuration (its published metadata may not be in the
/// cache yet right after start), the others' from their published metadata.
/// </summary>
internal sealed class SiloRoleView(ISiloMetadataCache metadata, ILocalSiloDetails local, LocalSiloRoles localRoles)
{
    public bool Has(SiloAddress silo, string role) => RolesOf(silo).Contains(role);

    public int CoresOf(SiloAddress silo)
    {
        if (silo.Equals(local.SiloAddress)) return localRoles.Cores;
        return metadata.GetSiloMetadata(silo).Metadata.TryGetValue(SiloRoles.CoresKey, out var cores)
            && int.TryParse(cores, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 1;
    }

    private IReadOnlySet<string> RolesOf(SiloAddress silo) =>
        silo.Equals(local.SiloAddress) ? localRoles.Roles
        : metadata.GetSiloMetadata(silo).Metadata.TryGetValue(SiloRoles.MetadataKey, out var roles) ? SiloRoles.Parse(roles)
        : new HashSet<string>();
}

/// <summary>This silo's configured roles and processor count, as it publishes them.</summary>
internal sealed record LocalSiloRoles(IReadOnlySet<string> Roles, int Cores);
