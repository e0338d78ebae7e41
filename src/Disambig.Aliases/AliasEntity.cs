namespace Disambig.Aliases;

/// <summary>One release an entity's tracks were credited on.</summary>
/// <param name="AlbumId">The catalog's album id (compared ordinally).</param>
/// <param name="Year">Release year, when the catalog knows it.</param>
public sealed record AlbumCredit(string AlbumId, int? Year);

/// <summary>An entity as the alias search sees it: its stable id, the name it is credited under, its place and releases.</summary>
/// <param name="EntityId">Stable, unique id of the entity (the curators' id).</param>
/// <param name="Name">The (normalised) artist name the entity is credited under; aliases are only sought under other names.</param>
/// <param name="Place">Centroid, spread and track count.</param>
/// <param name="Albums">Releases of the entity's tracks (duplicates allowed).</param>
public sealed record AliasEntity(string EntityId, string Name, EntityPlace Place, IReadOnlyList<AlbumCredit> Albums);
