using Disambig.Embedding.Data;
using Disambig.Embedding.Sampling;

namespace Disambig.Embedding.Tests;

public sealed class SamplingTests
{
    private static SegmentLabels Labels(int artists, int segmentsPerArtist, Func<int, string[]>? tags = null) => new(
        Enumerable.Range(0, artists * segmentsPerArtist).Select(s => s / segmentsPerArtist).ToArray(),
        Enumerable.Range(0, artists).Select(a => new ArtistInfo($"a{a}", tags?.Invoke(a) ?? [])).ToArray());

    [Fact]
    public void TripletBatchSampler_Sample_FiveArtistsFourSamples_GivesEveryPositivePairWithAForeignNegative()
    {
        var labels = Labels(artists: 12, segmentsPerArtist: 9);
        var sampler = new TripletBatchSampler(labels, new BatchShape(5, 4), new RandomNegativeSelector());

        var batch = sampler.Sample(new Random(3));

        Assert.Equal(20, batch.Segments.Count);
        Assert.Equal(20, batch.Segments.Distinct().Count());
        Assert.Equal(5, batch.SlotArtists.Distinct().Count());
        Assert.All(batch.SlotArtists.GroupBy(a => a), group => Assert.Equal(4, group.Count()));
        Assert.All(Enumerable.Range(0, 20), slot => Assert.Equal(labels.ArtistOf(batch.Segments[slot]), batch.SlotArtists[slot]));
        Assert.Equal(5 * 4 * 3 / 2, batch.Triplets.Count);
        var positivePairs = batch.Triplets.Select(t => (t.Anchor, t.Positive)).ToHashSet();
        Assert.Equal(30, positivePairs.Count);
        Assert.All(batch.Triplets, t =>
        {
            Assert.Equal(batch.SlotArtists[t.Anchor], batch.SlotArtists[t.Positive]);
            Assert.NotEqual(batch.SlotArtists[t.Anchor], batch.SlotArtists[t.Negative]);
        });
    }

    [Fact]
    public void TripletBatchSampler_Sample_SameSeed_SameBatch()
    {
        var sampler = new TripletBatchSampler(Labels(10, 6), new BatchShape(4, 3), new RandomNegativeSelector());

        var first = sampler.Sample(new Random(11));
        var second = sampler.Sample(new Random(11));

        Assert.Equal(first.Segments, second.Segments);
        Assert.Equal(first.Triplets, second.Triplets);
    }

    [Fact]
    public void TripletBatchSampler_Construct_TooFewArtistsWithEnoughSegments_ThrowsNamingTheCounts()
    {
        var labels = Labels(artists: 3, segmentsPerArtist: 2);

        var error = Assert.Throws<ArgumentException>(() => new TripletBatchSampler(labels, new BatchShape(3, 4), new RandomNegativeSelector()));
        Assert.Contains("Only 0 artists have at least 4 segments", error.Message);
    }

    [Fact]
    public void SideInformationSelector_ZeroProbability_DrawsExactlyThePlainBatches()
    {
        var labels = Labels(20, 5, a => [a % 2 == 0 ? "rock" : "jazz"]);
        var plain = new TripletBatchSampler(labels, new BatchShape(6, 4), new RandomNegativeSelector());
        var side = new TripletBatchSampler(labels, new BatchShape(6, 4), new SideInformationNegativeSelector(new ArtistTagIndex(labels), 0));
        var plainRandom = new Random(5);
        var sideRandom = new Random(5);

        for (int i = 0; i < 20; i++)
        {
            var expected = plain.Sample(plainRandom);
            var actual = side.Sample(sideRandom);
            Assert.Equal(expected.Segments, actual.Segments);
            Assert.Equal(expected.Triplets, actual.Triplets);
        }
        Assert.Equal(plainRandom.Next(), sideRandom.Next());
    }

    [Fact]
    public void SideInformationSelector_HalfProbability_RaisesShareOfSameTagNegativesAsExpected()
    {
        var labels = Labels(40, 5, a => [a % 2 == 0 ? "rock" : "jazz"]);
        double Share(double p)
        {
            var sampler = new TripletBatchSampler(labels, new BatchShape(8, 4), new SideInformationNegativeSelector(new ArtistTagIndex(labels), p));
            var random = new Random(21);
            int sameTag = 0, total = 0;
            for (int i = 0; i < 300; i++)
            {
                var batch = sampler.Sample(random);
                sameTag += batch.SameTagNegatives;
                total += batch.Triplets.Count;
            }
            return (double)sameTag / total;
        }

        var plain = Share(0);
        var half = Share(0.5);

        // Half the 40 artists carry each tag, so a random negative shares the anchor's tag with probability 19/39;
        // p = 0.5 takes a same-tag negative half the time (one almost always exists) and draws plainly otherwise.
        Assert.InRange(plain, 19 / 39.0 - 0.03, 19 / 39.0 + 0.03);
        Assert.InRange(half, 0.5 + 0.5 * plain - 0.03, 0.5 + 0.5 * plain + 0.03);
    }

    [Fact]
    public void SideInformationSelector_AnchorWithoutSharedTag_FallsBackToAnotherArtist()
    {
        // Only artists 0 and 1 share a tag; the others have none or a tag nobody else has.
        var labels = Labels(6, 4, a => a switch { 0 or 1 => ["shared"], 2 => ["alone"], _ => [] });
        var sampler = new TripletBatchSampler(labels, new BatchShape(6, 2), new SideInformationNegativeSelector(new ArtistTagIndex(labels), 1));

        var batch = sampler.Sample(new Random(8));

        Assert.All(batch.Triplets, t =>
        {
            var anchor = batch.SlotArtists[t.Anchor];
            var negative = batch.SlotArtists[t.Negative];
            Assert.NotEqual(anchor, negative);
            if (anchor is 0 or 1) Assert.Equal(1 - anchor, negative);
        });
        Assert.Equal(2, batch.SameTagNegatives);
    }

    [Fact]
    public void TripletMiner_Select_HandMadeDistances_KeepsExactlyHardAndSemiHard()
    {
        // Slots 0,1 are artist A; slots 2..6 are other artists at chosen squared distances from slot 0.
        // d(0,1) = 0.5, so u = d(0,n) - 0.5: -0.1 (hard), 0 (semi-hard), 0.1 (semi-hard), 0.2 (semi-hard), 0.3 (easy).
        const int slots = 7;
        var distances = new float[slots * slots];
        void Set(int i, int j, float d) { distances[i * slots + j] = d; distances[j * slots + i] = d; }
        Set(0, 1, 0.5f);
        float[] negatives = [0.4f, 0.5f, 0.6f, 0.7f, 0.8f];
        for (int k = 0; k < negatives.Length; k++) Set(0, 2 + k, negatives[k]);
        var triplets = Enumerable.Range(0, 5).Select(k => new Triplet(0, 1, 2 + k)).ToArray();

        var result = TripletMiner.Select(triplets, distances, slots, margin: 0.2);

        Assert.Equal(new[] { 0, 1, 2, 3 }, result.Kept);
        Assert.Equal(1, result.Hard);
        Assert.Equal(3, result.SemiHard);
        Assert.Equal(0.8, result.KeptFraction, 10);
    }

    [Fact]
    public void TripletMiner_MeanDistanceBetweenArtists_IgnoresSameArtistPairs()
    {
        float[] distances =
        [
            0, 9, 1,
            9, 0, 3,
            1, 3, 0,
        ];

        var mean = TripletMiner.MeanDistanceBetweenArtists(distances, [7, 7, 8]);

        Assert.Equal((1 + 3) / 2.0, mean, 10);
    }

    [Fact]
    public void CollapseDetector_Observe_WarnsThenCollapsesAfterPatience_AndResetsWhenSpreadReturns()
    {
        var detector = new CollapseDetector(threshold: 0.05, patience: 3);

        Assert.Equal(CollapseState.Warning, detector.Observe(0.01));
        Assert.Equal(CollapseState.Warning, detector.Observe(0.02));
        Assert.Equal(CollapseState.Healthy, detector.Observe(0.5));
        Assert.Equal(CollapseState.Warning, detector.Observe(0.0));
        Assert.Equal(CollapseState.Warning, detector.Observe(0.0));
        Assert.Equal(CollapseState.Collapsed, detector.Observe(0.0));
    }
}
