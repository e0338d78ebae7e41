using Disambig.Grains.Hosting;
using Disambig.Grains.Placement;
using Disambig.Silo.Placement;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Disambig.Silo;

public static class SiloRoleExtensions
{
    /// <summary>
    /// Publishes the silo's roles and cores in its metadata and registers the role placement directors (inference,
    /// trainer, worker, worker-local) and the membership-based view of the roles (<see cref="IClusterRoles"/>).
    /// Every silo calls this, whatever its roles, so any silo can place an inference or trainer activation.
    /// </summary>
    public static ISiloBuilder UseDisambigRoles(this ISiloBuilder builder, IEnumerable<string> roles)
    {
        var roleSet = SiloRoles.Parse(string.Join(',', roles));
        builder.UseSiloMetadata(new Dictionary<string, string>
        {
            [SiloRoles.MetadataKey] = SiloRoles.Format(roleSet),
            [SiloRoles.CoresKey] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton(new LocalSiloRoles(roleSet, Environment.ProcessorCount));
        builder.Services.AddSingleton<SiloRoleView>();
        builder.Services.AddPlacementDirector<InferenceRolePlacement, InferenceRolePlacementDirector>();
        builder.Services.AddPlacementDirector<TrainerRolePlacement, TrainerRolePlacementDirector>();
        builder.Services.AddPlacementDirector<WorkerRolePlacement, WorkerRolePlacementDirector>();
        builder.Services.AddPlacementDirector<WorkerLocalPlacement, WorkerLocalPlacementDirector>();
        builder.Services.AddSingleton<IClusterRoles, MembershipClusterRoles>();
        return builder;
    }
}
