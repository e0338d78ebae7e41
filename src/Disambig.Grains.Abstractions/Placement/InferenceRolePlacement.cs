using Orleans.Placement;

namespace Disambig.Grains.Placement;

/// <summary>
/// Places an activation only on a silo that declares the <c>inference</c> role in its metadata
/// (<see cref="SiloRoles.MetadataKey"/>). The director is registered on every silo.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class InferenceRolePlacement : PlacementStrategy
{
    public static readonly InferenceRolePlacement Instance = new();

    public override bool IsUsingGrainDirectory => true;
}

/// <summary>Marks a grain class as placed by <see cref="InferenceRolePlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class InferenceRolePlacementAttribute() : PlacementAttribute(InferenceRolePlacement.Instance);
