using Disambig.Clustering.Metrics;

namespace Disambig.Clustering.Tests;

public class NearestModelClassifierTests
{
    // Two artists on a line: artist 0's tracks average to 0, artist 3's to 10.
    private static readonly NearestModelClassifier LineModels = NearestModelClassifier.Fit(
        VectorSet.FromRows(new[] { new[] { -1.0 }, [1.0], [9.0], [11.0] }), [0, 0, 3, 3]);

    [Fact]
    public void Accuracy_OneTrackNearerTheOtherArtist_CountsItWrong()
    {
        var tests = VectorSet.FromRows(new[] { new[] { 1.0 }, [6.0], [9.0] });

        Assert.Equal(2.0 / 3, LineModels.Accuracy(tests, [0, 0, 3]), 15);
    }

    [Fact]
    public void Predict_EquidistantModels_ReturnsLowestArtistLabel()
    {
        Assert.Equal(0, LineModels.Predict([5.0]));
    }

    [Fact]
    public void VerificationDistances_EachTestAgainstEachModel_SplitsGenuineAndImpostor()
    {
        var tests = VectorSet.FromRows(new[] { new[] { 1.0 }, [9.0] });

        var (genuine, impostor) = LineModels.VerificationDistances(tests, [0, 3]);

        Assert.Equal([1.0, 1.0], genuine);
        Assert.Equal([9.0, 9.0], impostor);
    }

    [Fact]
    public void Accuracy_SeparatedArtists_IsOne()
    {
        var (points, labels) = TestData.Blobs(seed: 5, clusterSizes: [20, 20, 20], dimension: 16);
        var train = Enumerable.Range(0, points.Length).Where(i => i % 4 != 0).ToArray();
        var test = Enumerable.Range(0, points.Length).Where(i => i % 4 == 0).ToArray();
        var all = VectorSet.FromRows(points);

        var classifier = NearestModelClassifier.Fit(all.Select(train), [.. train.Select(i => labels[i])]);

        Assert.Equal(1.0, classifier.Accuracy(all.Select(test), [.. test.Select(i => labels[i])]));
    }

    [Fact]
    public void Accuracy_NoTestVectors_IsZero()
    {
        Assert.Equal(0, LineModels.Accuracy(VectorSet.FromRowMajor(ReadOnlySpan<double>.Empty, 0, 1), []));
    }

    [Fact]
    public void Accuracy_DimensionMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => LineModels.Accuracy(VectorSet.FromRows(new[] { new[] { 1.0, 2.0 } }), [0]));
    }
}
