namespace Disambig.Aliases.Tests;

internal static class TestOptions
{
    /// <summary>Options that insert in order, so every approximate answer is the same on every run.</summary>
    public static AliasOptions Ordered() => new() { InsertThreads = 1 };
}

/// <summary>
/// Seeded catalogs of artists as points on the unit sphere: each artist has a direction, each of its entities a few
/// tracks scattered around it. Some artists are credited under a second name (aliases), some names are shared by two
/// artists (homonyms, already split into entities).
/// </summary>
internal static class SyntheticCatalog
{
    public const int Dimension = 32;

    /// <param name="artists">Number of true artists.</param>
    /// <param name="aliasEvery">Every k-th artist also has an entity under a second name (0: none).</param>
    /// <param name="tracks">Tracks per entity.</param>
    /// <param name="noise">Track scatter around the artist direction (relative to a unit vector).</param>
    public static List<LabelledAliasEntity> Create(int seed, int artists, int aliasEvery, int tracks = 8, double noise = 0.6)
    {
        var random = new Random(seed);
        var entities = new List<LabelledAliasEntity>();
        for (var a = 0; a < artists; a++)
        {
            var direction = RandomUnit(random);
            var artist = $"artist-{a:D4}";
            // Artists 2k and 2k+1 share a name: a homonym already split into two entities.
            var name = $"name-{a / 2:D4}";
            entities.Add(new LabelledAliasEntity(Entity($"{name}#{a % 2}", name, direction, tracks, noise, random, $"album-{a}-1", 2000 + a % 20), artist));
            if (aliasEvery > 0 && a % aliasEvery == 0)
            {
                var alias = $"alias-{a:D4}";
                entities.Add(new LabelledAliasEntity(Entity($"{alias}#0", alias, direction, tracks, noise, random, $"album-{a}-2", 2010 + a % 10), artist));
            }
        }

        return entities;
    }

    public static AliasEntity Entity(string id, string name, float[] direction, int tracks, double noise, Random random, string album, int year) =>
        new(id, name, EntityPlace.FromTracks(Tracks(direction, tracks, noise, random), id), [new AlbumCredit(album, year)]);

    public static float[][] Tracks(float[] direction, int count, double noise, Random random) =>
        [.. Enumerable.Range(0, count).Select(_ => Around(direction, noise, random))];

    public static float[] RandomUnit(Random random) => Normalised([.. Enumerable.Range(0, Dimension).Select(_ => Gaussian(random))]);

    public static float[] Around(float[] direction, double noise, Random random) =>
        Normalised([.. direction.Select(v => v + noise * Gaussian(random) / Math.Sqrt(direction.Length))]);

    public static float[] Normalised(double[] values)
    {
        var norm = Math.Sqrt(values.Sum(v => v * v));
        return [.. values.Select(v => (float)(v / norm))];
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
