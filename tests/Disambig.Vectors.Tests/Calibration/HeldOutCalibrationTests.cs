using Disambig.Clustering.Calibration;
using Disambig.Vectors.Calibration;

namespace Disambig.Vectors.Tests.Calibration;

public class HeldOutCalibrationTests
{
    /// <summary>Tracks of <paramref name="artists"/> artists, each around its own corner of the space.</summary>
    private static List<ArtistVector> Tracks(int artists, int tracksPerArtist, double spread = 0.05)
    {
        var random = new Random(4);
        var tracks = new List<ArtistVector>();
        for (int a = 0; a < artists; a++)
        {
            for (int t = 0; t < tracksPerArtist; t++)
            {
                var vector = new float[artists];
                vector[a] = 1;
                for (int j = 0; j < vector.Length; j++) vector[j] += (float)(spread * (random.NextDouble() - 0.5));
                tracks.Add(new ArtistVector($"artist-{a:D2}", vector));
            }
        }
        return tracks;
    }

    [Fact]
    public void PoolIntoNames_PairsTheArtistsAndJoinsTheOneLeftOverToTheLastName()
    {
        var names = HeldOutCalibration.PoolIntoNames(Tracks(artists: 7, tracksPerArtist: 3), artistsPerName: 2, seed: 1);

        Assert.Equal([2, 2, 3], names.Select(n => n.Select(t => t.Artist).Distinct().Count()));
        Assert.Equal(7, names.SelectMany(n => n.Select(t => t.Artist)).Distinct().Count());
        Assert.All(names, n => Assert.Equal(3 * n.Select(t => t.Artist).Distinct().Count(), n.Count));
    }

    [Fact]
    public void PoolIntoNames_SameSeed_SameNames()
    {
        var tracks = Tracks(artists: 8, tracksPerArtist: 2);

        var first = HeldOutCalibration.PoolIntoNames(tracks, 2, seed: 5).Select(n => string.Join(",", n.Select(t => t.Artist).Distinct()));
        var second = HeldOutCalibration.PoolIntoNames(tracks, 2, seed: 5).Select(n => string.Join(",", n.Select(t => t.Artist).Distinct()));

        Assert.Equal(first, second);
    }

    [Fact]
    public void OneArtistNames_EveryArtistWithTwoTracksUnderItsOwnName()
    {
        var tracks = Tracks(artists: 3, tracksPerArtist: 2);
        tracks.Add(new ArtistVector("lonely", [1, 1, 1]));

        var names = HeldOutCalibration.OneArtistNames(tracks);

        Assert.Equal(3, names.Count);
        Assert.All(names, n => Assert.Equal(2, n.Count));
    }

    [Fact]
    public void Calibrate_SeparatedArtists_ThresholdSplitsEveryPooledNameAndKeepsEveryArtistWhole()
    {
        var tracks = Tracks(artists: 8, tracksPerArtist: 4);
        var names = HeldOutCalibration.PoolIntoNames(tracks, 2, seed: 3);

        var result = HeldOutCalibration.Calibrate(names, HeldOutCalibration.OneArtistNames(tracks), new CalibrationOptions { Folds = 2, Seed = 1 });

        Assert.Equal(1, result.TestMeanAri, 6);
        Assert.Equal(0, result.TestOneArtistSplitShare, 6);
    }
}
