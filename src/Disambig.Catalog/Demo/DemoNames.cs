using System.Text.RegularExpressions;

namespace Disambig.Catalog.Demo;

/// <summary>
/// Made-up names and titles for the demo catalog, assembled from syllables and common words so that they read
/// plausibly but belong to no real artist.
/// </summary>
internal static partial class DemoNames
{
    private static readonly string[] FirstNameStarts =
        ["Al", "Bar", "Cal", "Dor", "El", "Fen", "Gil", "Hal", "Is", "Jor", "Ka", "Lin", "Mar", "Nor", "Ol", "Per", "Ros", "Sel", "Tor", "Ul", "Val", "Wen", "Yor", "Zel"];

    private static readonly string[] FirstNameEnds = ["a", "an", "ec", "en", "ia", "is", "o", "or", "us", "ette", "ina", "ard"];

    private static readonly string[] SurnameStarts =
        ["Ash", "Brook", "Carr", "Dun", "Eld", "Fair", "Grant", "Hol", "Iver", "Kess", "Lang", "Marr", "Nor", "Oak", "Pell", "Quill", "Rend", "Stan", "Thorn", "Vance", "Wick", "Yar"];

    private static readonly string[] SurnameEnds = ["ford", "ley", "ton", "wood", "by", "er", "man", "ridge", "son", "well", "ham", "dale"];

    private static readonly string[] Adjectives =
    [
        "Amber", "Blue", "Broken", "Silent", "Distant", "Golden", "Hollow", "Quiet", "Northern", "Velvet", "Paper", "Crimson",
        "Electric", "Slow", "Wild", "Pale", "Hidden", "Last", "Early", "Glass", "Winter", "Summer", "Open", "Lonely",
        "Bright", "Dark", "Little", "Long", "Secret", "Restless",
    ];

    private static readonly string[] Nouns =
    [
        "River", "Harbour", "Lantern", "Garden", "Mirror", "Echo", "Window", "Orbit", "Meadow", "Signal", "Shadow", "Tide",
        "Letter", "Station", "Horizon", "Ember", "Valley", "Compass", "Forest", "Canyon", "Island", "Bridge", "Engine", "Feather",
        "Thread", "Lighthouse", "Morning", "Season", "Storm", "Circle",
    ];

    /// <summary>A person's name ("Marus Thornley") or, one time in four, a band name ("The Velvet Lanterns").</summary>
    public static string ArtistName(DeterministicRandom random) => random.Chance(0.25)
        ? $"The {random.Pick(Adjectives)} {Plural(random.Pick(Nouns))}"
        : $"{random.Pick(FirstNameStarts)}{random.Pick(FirstNameEnds)} {random.Pick(SurnameStarts)}{random.Pick(SurnameEnds)}";

    public static string AlbumTitle(DeterministicRandom random) => random.Between(0, 2) switch
    {
        0 => $"{random.Pick(Adjectives)} {Plural(random.Pick(Nouns))}",
        1 => random.Pick(Nouns),
        _ => $"{random.Pick(Nouns)} and {random.Pick(Nouns)}",
    };

    public static string TrackTitle(DeterministicRandom random) => random.Between(0, 3) switch
    {
        0 => $"{random.Pick(Adjectives)} {random.Pick(Nouns)}",
        1 => $"The {random.Pick(Nouns)}",
        2 => $"{random.Pick(Nouns)} of the {random.Pick(Adjectives)} {random.Pick(Nouns)}",
        _ => $"{random.Pick(Nouns)} No. {random.Between(2, 9)}",
    };

    /// <summary>"Tide of the Pale Orbit" → "tide-of-the-pale-orbit", for file names.</summary>
    public static string Slug(string title) => NonAlphanumeric().Replace(title.ToLowerInvariant(), "-").Trim('-');

    private static string Plural(string noun) => noun.EndsWith('o') ? noun + "es" : noun + "s";

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();
}
