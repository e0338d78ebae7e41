using Disambig.Catalog.Demo;

namespace Disambig.Catalog.Tests;

public sealed class DemoTrackSynthesizerTests
{
    private static DemoCatalogPlan SmallPlan(ulong seed) => DemoCatalogPlanner.Plan(new DemoCatalogOptions
    {
        Artists = 6, TracksPerArtist = 4, AlbumsPerArtist = 2, MinTrackSeconds = 6, MaxTrackSeconds = 8, HomonymGroups = 0, Seed = seed,
    });

    [Fact]
    public void Synthesize_SameSeed_GivesIdenticalSamples()
    {
        var first = SmallPlan(11);
        var second = SmallPlan(11);

        foreach (var index in new[] { 0, 9, 23 })
        {
            Assert.Equal(
                DemoTrackSynthesizer.Synthesize(first.Tracks[index], first.SampleRate),
                DemoTrackSynthesizer.Synthesize(second.Tracks[index], second.SampleRate));
        }
    }

    [Fact]
    public void Synthesize_DifferentSeed_GivesDifferentSamples()
    {
        var first = SmallPlan(11);
        var second = SmallPlan(12);

        Assert.NotEqual(
            DemoTrackSynthesizer.Synthesize(first.Tracks[0], first.SampleRate),
            DemoTrackSynthesizer.Synthesize(second.Tracks[0], second.SampleRate));
    }

    [Fact]
    public void Synthesize_Track_HasPlannedLengthAndAlbumPeakLevel()
    {
        var plan = SmallPlan(11);
        var track = plan.Tracks[5];

        var samples = DemoTrackSynthesizer.Synthesize(track, plan.SampleRate);

        Assert.Equal((int)Math.Round(track.DurationSeconds * plan.SampleRate), samples.Length);
        var peakDbfs = 20 * Math.Log10(samples.Max(Math.Abs));
        Assert.InRange(peakDbfs, track.Album.PeakDbfs - 0.5, track.Album.PeakDbfs + 0.5);
    }

    [Fact]
    public void Synthesize_TracksOfOneArtist_HaveCloserSpectralCentroidsThanTracksOfDifferentArtists()
    {
        var plan = SmallPlan(11);
        var centroids = plan.Tracks
            .Select(track => (track.Artist.ArtistId, Hz: SpectralCentroid(DemoTrackSynthesizer.Synthesize(track, plan.SampleRate), plan.SampleRate)))
            .ToArray();

        var pairs = centroids.SelectMany((a, i) => centroids.Skip(i + 1).Select(b => (Same: a.ArtistId == b.ArtistId, Gap: Math.Abs(a.Hz - b.Hz)))).ToArray();
        var within = pairs.Where(pair => pair.Same).Average(pair => pair.Gap);
        var across = pairs.Where(pair => !pair.Same).Average(pair => pair.Gap);

        Assert.True(within < 0.5 * across, $"mean centroid gap within artists {within:F0} Hz, across {across:F0} Hz");
    }

    /// <summary>Power-weighted mean frequency over a few Hann-windowed 512-sample frames, by a naive DFT (independent of any FFT code).</summary>
    private static double SpectralCentroid(float[] samples, int sampleRate)
    {
        const int frame = 512;
        const int frames = 6;
        var cos = Enumerable.Range(0, frame).Select(n => Math.Cos(2 * Math.PI * n / frame)).ToArray();
        var sin = Enumerable.Range(0, frame).Select(n => Math.Sin(2 * Math.PI * n / frame)).ToArray();
        var windowed = new double[frame];
        double weighted = 0, total = 0;
        for (var f = 0; f < frames; f++)
        {
            var start = (int)((long)f * (samples.Length - frame) / (frames - 1));
            for (var n = 0; n < frame; n++)
            {
                windowed[n] = (0.5 - 0.5 * cos[n]) * samples[start + n];
            }
            for (var k = 1; k < frame / 2; k++)
            {
                double re = 0, im = 0;
                for (int n = 0, turn = 0; n < frame; n++, turn = (turn + k) % frame)
                {
                    re += windowed[n] * cos[turn];
                    im -= windowed[n] * sin[turn];
                }
                var power = re * re + im * im;
                weighted += power * k * sampleRate / frame;
                total += power;
            }
        }
        return weighted / total;
    }
}
