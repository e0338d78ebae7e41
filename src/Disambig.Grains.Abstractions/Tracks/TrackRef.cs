namespace Disambig.Grains;

/// <summary>What a track grain needs to find a track's audio: its id and its relative path in the catalog store.</summary>
/// <param name="TrackId">Unique track id within the catalog (the track grain's key).</param>
/// <param name="AudioPath">Relative, normalised audio path under the catalog root or container.</param>
/// <param name="Details">What curators see of the track (title, album, release year); null when the catalog gave none.</param>
[GenerateSerializer, Immutable, Alias("Disambig.TrackRef")]
public sealed record TrackRef(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string AudioPath,
    [property: Id(2)] TrackDetails? Details = null);

/// <summary>The catalog's description of a track, shown next to the entities a name is split into.</summary>
/// <param name="Title">Track title.</param>
/// <param name="Album">Album title, or its id when the catalog has no title.</param>
/// <param name="ReleaseYear">Year the album was released.</param>
[GenerateSerializer, Immutable, Alias("Disambig.TrackDetails")]
public sealed record TrackDetails([property: Id(0)] string Title, [property: Id(1)] string Album, [property: Id(2)] int ReleaseYear);
