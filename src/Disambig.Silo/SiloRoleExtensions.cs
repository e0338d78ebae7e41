using Disambig.Grains.Placement;
using Disambig.Silo.Placement;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Disambig.Silo;

public static class SiloRoleExtensions
{
    /// <summary>
    /// Publishes the silo's roles in its metadata and registers the inference placement director.
    /// Every silo calls this, whatever its roles, so any silo can place an inference activation.
    /// </summary>
    public static ISiloBuilder UseDisambigRoles(this ISiloBuilder builder, IEnumerable<string> roles)
    {
        var roleSet = SiloRoles.Parse(string.Join(',', roles));
        builder.UseSiloMetadata(new Dictionary<string, string> { [SiloRoles.MetadataKey] = SiloRoles.Format(roleSet) });
        builder.Services.AddPlacementDirector<InferenceRolePlacement, InferenceRolePlacementDirector>();
        return builder;
    }
}
