using Disambig.Embedding.Data;
using Disambig.Embedding.Networks;

namespace Disambig.Embedding.Tests;

/// <summary>
/// Tiny generated "spectrograms" (40 frames of 128 mel bands): every artist owns 3 of 7 broad frequency regions
/// (as wide as one band after the network's poolings) that carry extra power, on top of exponential noise,
/// so artist identity is learnable in a few hundred CPU steps.
/// </summary>
internal static class SyntheticCatalog
{
    public const int Frames = 40;
    public const int MelBands = 128;
    private const int Regions = 7;

    /// <summary>A small metric network for these segments: 40 x 128 pool to 2 x 7 with 8 filters per block.</summary>
    public static NetworkSpec TinyMetric(int dim = 16) => new()
    {
        Kind = NetworkKind.Metric,
        Dim = dim,
        SegmentFrames = Frames,
        MelBands = MelBands,
        Channels = [8, 8, 8],
        DropoutRate = 0.1,
    };

    /// <summary>A small classifier for these segments: two 16-filter blocks (40 to 13 to 4 frames), then 32 filters.</summary>
    public static NetworkSpec TinyClassifier(int artists) => new()
    {
        Kind = NetworkKind.Classifier,
        Dim = 32,
        SegmentFrames = Frames,
        MelBands = MelBands,
        Channels = [16, 16, 32],
        ArtistCount = artists,
        DropoutRate = 0.5,
    };

    /// <param name="tags">Tags of artist i are tags(i); default: none.</param>
    public static InMemorySegmentDataset Create(int artists, int segmentsPerArtist, int seed, Func<int, string[]>? tags = null)
    {
        var random = new Random(seed);
        var size = Frames * MelBands;
        var features = new float[artists * segmentsPerArtist * size];
        var segmentArtists = new int[artists * segmentsPerArtist];
        for (int artist = 0; artist < artists; artist++)
        {
            var regions = Enumerable.Range(0, Regions).OrderBy(_ => random.Next()).Take(3).ToArray();
            var bands = regions.SelectMany(r => Enumerable.Range(r * MelBands / Regions, MelBands / Regions)).ToArray();
            for (int k = 0; k < segmentsPerArtist; k++)
            {
                int segment = artist * segmentsPerArtist + k;
                segmentArtists[segment] = artist;
                var values = features.AsSpan(segment * size, size);
                double gain = 2 + 2 * random.NextDouble();
                for (int frame = 0; frame < Frames; frame++)
                {
                    for (int band = 0; band < MelBands; band++)
                    {
                        values[frame * MelBands + band] = (float)-Math.Log(1 - random.NextDouble());
                    }
                    foreach (var band in bands)
                    {
                        values[frame * MelBands + band] += (float)(gain * random.NextDouble());
                    }
                }
            }
        }
        var infos = Enumerable.Range(0, artists).Select(a => new ArtistInfo($"artist {a}", tags?.Invoke(a) ?? [])).ToArray();
        return new InMemorySegmentDataset(features, Frames, MelBands, new SegmentLabels(segmentArtists, infos));
    }
}
