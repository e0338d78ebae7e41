namespace Disambig.Grains;

/// <summary>What a track grain needs to find a track's audio: its id and its relative path in the catalog store.</summary>
/// <param name="TrackId">Unique track id within the catalog (the track grain's key).</param>
/// <param name="AudioPath">Relative, normalised audio path under the catalog root or container.</param>
[GenerateSerializer, Immutable, Alias("Disambig.TrackRef")]
public sealed record TrackRef([property: Id(0)] string TrackId, [property: Id(1)] string AudioPath);
