using Disambig.Catalog;

namespace Disambig.Datasets.Tests;

/// <summary>Catalog lines without audio, for the pure planning rules.</summary>
internal static class SyntheticCatalog
{
    /// <summary>An artist with the given album sizes; track ids are "{artist}/{album}/{n}".</summary>
    public static IEnumerable<CatalogTrack> Artist(string artist, params int[] albumSizes) =>
        albumSizes.SelectMany((size, album) => Enumerable.Range(1, size).Select(n => new CatalogTrack(
            $"{artist}/a{album}/{n}", $"Track {n}", $"Name of {artist}", artist, $"{artist}-a{album}", null,
            new DateOnly(2000 + album, 1, 1), [$"genre-of-{artist}"], $"audio/{artist}/a{album}/{n:D2}.flac")));
}
