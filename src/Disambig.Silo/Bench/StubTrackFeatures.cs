using Disambig.Segments;
using Disambig.Vectors;
using Disambig.Grains;
using Disambig.Grains.Services;
using Microsoft.Extensions.Options;

namespace Disambig.Silo.Bench;

/// <summary>
/// <see cref="ITrackFeatures"/> without audio, for the scale benchmark and process tests: for a synthetic path
/// (<see cref="StubAudioPaths"/>) a small "mel" of <see cref="Segments"/> x 1 x <see cref="StubSegmentEmbedder.Dimension"/>
/// values, the true artist's centre (a direction drawn from the artist's seed) plus a little per-track, per-segment
/// noise, so that <see cref="StubSegmentEmbedder"/> gives vectors that cluster by true artist. Deterministic: the same
/// path always gives the same values. Takes <see cref="BenchOptions.DelayMs"/> per call (the cost of a decode).
/// </summary>
public sealed class StubTrackFeatures(IOptions<BenchOptions> options, TimeProvider time) : ITrackFeatures
{
    /// <summary>Segments per track.</summary>
    public const int Segments = 2;

    /// <summary>Standard deviation of the per-value noise around the artist's centre (unit vector).</summary>
    private const double Noise = 0.02;

    public async Task<SegmentBatch> ExtractAsync(string localPath, int segmentSeconds, CancellationToken cancellationToken)
    {
        if (options.Value.DelayMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(options.Value.DelayMs), time, cancellationToken);
        const int dimension = StubSegmentEmbedder.Dimension;
        var centre = Gaussian(new Random(StubAudioPaths.SeedOf(StubAudioPaths.ArtistOf(localPath))), dimension);
        var norm = Math.Sqrt(centre.Sum(v => v * v));
        var noise = new Random(StubAudioPaths.SeedOf(localPath));
        var values = new float[Segments * dimension];
        for (var s = 0; s < Segments; s++)
        {
            var jitter = Gaussian(noise, dimension);
            for (var j = 0; j < dimension; j++) values[s * dimension + j] = (float)(centre[j] / norm + Noise * jitter[j]);
        }
        return new SegmentBatch(values, Segments, 1, dimension);
    }

    private static double[] Gaussian(Random random, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Box-Muller.
            var u = 1.0 - random.NextDouble();
            values[i] = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
        }
        return values;
    }
}
