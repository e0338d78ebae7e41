using Disambig.Clustering;
using Disambig.Clustering.Metrics;

namespace Disambig.Evaluation;

/// <summary>Outcome of the classification and verification tasks for one model.</summary>
/// <param name="Artists">Artists with a model (at least one model track embedded).</param>
/// <param name="ModelTracks">Tracks that built the artist models.</param>
/// <param name="TestTracks">Test cases scored.</param>
/// <param name="Accuracy">Share of test tracks whose nearest artist model is their own artist.</param>
/// <param name="EqualErrorRate">Verification EER over every (test track, artist model) pair.</param>
/// <param name="EerThreshold">Euclidean distance at which the EER occurs.</param>
public sealed record ClassificationResult(int Artists, int ModelTracks, int TestTracks, double Accuracy, double EqualErrorRate, double EerThreshold);

/// <summary>
/// Section 4.1.1: each artist is modelled by the mean of its model-track vectors; a test track is classified by the
/// nearest model (Euclidean); verification thresholds the distance of every (test track, model) pair.
/// </summary>
public static class ClassificationTask
{
    /// <param name="vectors">Track vectors by track id; tracks without one (their audio failed) are left out.</param>
    /// <returns>Null when fewer than 2 artists have a model or no test track of theirs has a vector.</returns>
    public static ClassificationResult? Run(ClassificationSet set, IReadOnlyDictionary<string, float[]> vectors)
    {
        var model = set.ModelTracks.Where(t => vectors.ContainsKey(t.Track.TrackId)).ToList();
        var modelled = model.Select(t => t.Artist).ToHashSet();
        var test = set.TestTracks.Where(t => vectors.ContainsKey(t.Track.TrackId) && modelled.Contains(t.Artist)).ToList();
        if (modelled.Count < 2 || test.Count == 0) return null;

        var classifier = NearestModelClassifier.Fit(Vectors(model, vectors), [.. model.Select(t => t.Artist)]);
        var tests = Vectors(test, vectors);
        int[] truth = [.. test.Select(t => t.Artist)];
        var (genuine, impostor) = classifier.VerificationDistances(tests, truth);
        var eer = Clustering.Metrics.EqualErrorRate.Compute(genuine, impostor);
        return new ClassificationResult(modelled.Count, model.Count, test.Count, classifier.Accuracy(tests, truth), eer.Rate, eer.Threshold);
    }

    internal static VectorSet Vectors(IEnumerable<LabelledTrack> tracks, IReadOnlyDictionary<string, float[]> vectors) =>
        VectorSet.FromRows([.. tracks.Select(t => vectors[t.Track.TrackId])]);
}
