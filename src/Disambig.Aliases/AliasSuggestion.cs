namespace Disambig.Aliases;

/// <summary>One side of an alias suggestion, as a curator needs to judge it.</summary>
/// <param name="EntityId">Stable id of the entity.</param>
/// <param name="Name">Name it is credited under.</param>
/// <param name="TrackCount">Tracks behind its centroid.</param>
/// <param name="Spread">Mean cosine distance of its tracks to its centroid.</param>
/// <param name="Albums">Distinct album ids of its tracks, ordinal order.</param>
/// <param name="Years">Distinct known release years of its tracks, ascending.</param>
public sealed record AliasSide(string EntityId, string Name, int TrackCount, double Spread, IReadOnlyList<string> Albums, IReadOnlyList<int> Years);

/// <summary>Why a merge is proposed.</summary>
/// <param name="Distance">Cosine distance (1 - cos) between the two centroids.</param>
/// <param name="Left">The entity with the ordinally smaller id.</param>
/// <param name="Right">The other entity.</param>
/// <param name="NamesShareAnAlbum">Whether any entity of one name and any entity of the other were ever credited on one album.</param>
public sealed record AliasEvidence(double Distance, AliasSide Left, AliasSide Right, bool NamesShareAnAlbum);

/// <summary>A proposal that two entities under different names are one artist.</summary>
/// <param name="Probability">Calibrated probability that they are one artist (capped when <paramref name="LowEvidence"/>).</param>
/// <param name="LowEvidence">Whether either side has too few tracks (<see cref="AliasOptions.LowEvidenceMaxTracks"/>) to trust its centroid.</param>
/// <param name="Evidence">Distance, both sides and shared albums.</param>
public sealed record AliasSuggestion(double Probability, bool LowEvidence, AliasEvidence Evidence)
{
    /// <summary>Id of the entity with the ordinally smaller id.</summary>
    public string LeftEntityId => Evidence.Left.EntityId;

    /// <summary>Id of the other entity.</summary>
    public string RightEntityId => Evidence.Right.EntityId;
}
