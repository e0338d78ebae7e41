using Orleans.Placement;

namespace Disambig.Grains.Placement;

/// <summary>Places an activation only on a silo that declares the <c>trainer</c> role in its metadata.</summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class TrainerRolePlacement : PlacementStrategy
{
    public static readonly TrainerRolePlacement Instance = new();

    public override bool IsUsingGrainDirectory => true;
}

/// <summary>Marks a grain class as placed by <see cref="TrainerRolePlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TrainerRolePlacementAttribute() : PlacementAttribute(TrainerRolePlacement.Instance);
