namespace Disambig.Catalog.Demo;

/// <summary>
/// The centre around which the artists of one genre group are drawn, so that artists sharing a genre tag also
/// sound alike (brightness, register, tempo, scale, articulation) while each keeps its own identity.
/// </summary>
internal sealed record GenrePrior(
    IReadOnlyList<string> Tags,
    double HarmonicRolloff,
    double EvenHarmonicGain,
    double RegisterCentreMidi,
    double TempoCentreBpm,
    double OnsetsPerBar,
    double AttackSeconds,
    double PercussionLevel,
    MusicalScale Scale)
{
    public static IReadOnlyList<MusicalScale> Scales { get; } =
    [
        new("major", [0, 2, 4, 5, 7, 9, 11]),
        new("natural minor", [0, 2, 3, 5, 7, 8, 10]),
        new("dorian", [0, 2, 3, 5, 7, 9, 10]),
        new("mixolydian", [0, 2, 4, 5, 7, 9, 10]),
        new("phrygian", [0, 1, 3, 5, 7, 8, 10]),
        new("harmonic minor", [0, 2, 3, 5, 7, 8, 11]),
        new("major pentatonic", [0, 2, 4, 7, 9]),
        new("minor pentatonic", [0, 3, 5, 7, 10]),
        new("blues", [0, 3, 5, 6, 7, 10]),
        new("whole tone", [0, 2, 4, 6, 8, 10]),
    ];

    /// <summary>(parent genre, sub-genre): the sub-genre marks a group of similar artists, the parent relates groups.</summary>
    private static readonly (string Parent, string Sub)[] GenreTags =
    [
        ("jazz", "cool jazz"), ("electronic", "techno"), ("folk", "chamber folk"), ("rock", "post-rock"),
        ("classical", "baroque"), ("pop", "dream pop"), ("ambient", "drone"), ("world", "highlife"),
        ("jazz", "hard bop"), ("electronic", "downtempo"), ("folk", "nordic folk"), ("rock", "krautrock"),
        ("classical", "minimalism"), ("pop", "synth-pop"), ("ambient", "dark ambient"), ("world", "gamelan fusion"),
    ];

    /// <summary>The prior of genre group <paramref name="group"/>; groups past the named list get numbered sub-genres.</summary>
    public static GenrePrior Draw(int group, DeterministicRandom random)
    {
        var (parent, sub) = GenreTags[group % GenreTags.Length];
        var round = group / GenreTags.Length;
        return new GenrePrior(
            Tags: [parent, round == 0 ? sub : $"{sub} {round + 1}"],
            HarmonicRolloff: random.Uniform(0.5, 2.2),
            EvenHarmonicGain: random.Uniform(0.15, 1.0),
            RegisterCentreMidi: random.Uniform(48, 76),
            TempoCentreBpm: random.Uniform(70, 160),
            OnsetsPerBar: random.Uniform(3, 10),
            AttackSeconds: Math.Exp(random.Uniform(Math.Log(0.003), Math.Log(0.15))),
            PercussionLevel: random.Uniform(0, 0.5),
            Scale: random.Pick(Scales));
    }
}
