using Orleans.Placement;

namespace Disambig.Grains.Placement;

/// <summary>
/// Places an activation on a silo that declares the <c>worker</c> role, chosen at random among them (so names and tracks
/// spread over the worker pool, never on inference or trainer silos that lack the role).
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class WorkerRolePlacement : PlacementStrategy
{
    public static readonly WorkerRolePlacement Instance = new();

    public override bool IsUsingGrainDirectory => true;
}

/// <summary>Marks a grain class as placed by <see cref="WorkerRolePlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class WorkerRolePlacementAttribute() : PlacementAttribute(WorkerRolePlacement.Instance);

/// <summary>
/// Places an activation on the calling silo when it declares the <c>worker</c> role, else on a worker silo at random:
/// a track grain lands beside the name grain that asks it (names spread over the worker pool by
/// <see cref="WorkerRolePlacement"/>), so the name's track calls cross no network and are not serialized.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class WorkerLocalPlacement : PlacementStrategy
{
    public static readonly WorkerLocalPlacement Instance = new();

    public override bool IsUsingGrainDirectory => true;
}

/// <summary>Marks a grain class as placed by <see cref="WorkerLocalPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class WorkerLocalPlacementAttribute() : PlacementAttribute(WorkerLocalPlacement.Instance);
