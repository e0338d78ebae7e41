using Disambig.Clustering.Calibration;
namespace Disambig.Aliases;

/// <summary>An entity of a labelled catalog with its true artist id (shared across the artist's names).</summary>
public sealed record LabelledAliasEntity(AliasEntity Entity, string ArtistId)
{
    /// <summary>The entity's truth, for <see cref="AliasMetrics"/>.</summary>
    public EntityTruth Truth => new(Entity.EntityId, Entity.Name, ArtistId);
}

/// <summary>Settings of <see cref="AliasCalibrator"/>.</summary>
public sealed class AliasCalibrationOptions
{
    /// <summary>Cross-validation folds over true artists. Default 5; range 2 to the number of artists.</summary>
    public int Folds { get; set; } = 5;

    /// <summary>Seed of the shuffle that deals artists into folds. Default 0; any value.</summary>
    public int Seed { get; set; }

    /// <summary>
    /// Weight of recall against precision in the F-beta score the threshold maximises. Default 0.5: precision counts
    /// twice as much, since a false merge of two artists costs a curator more than a missed alias. Range (0, 10].
    /// </summary>
    public double Beta { get; set; } = 0.5;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate(int artistCount)
    {
        if (Folds < 2 || Folds > artistCount)
        {
            throw new ArgumentOutOfRangeException(nameof(Folds), Folds, $"Folds must be between 2 and the number of artists ({artistCount}).");
        }

        if (!(Beta > 0 && Beta <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "Beta must be in (0, 10].");
        }
    }
}

/// <summary>One fold: the threshold chosen on the other folds' artists and its scores on this fold's artists.</summary>
/// <param name="Fold">Fold index 0..k-1.</param>
/// <param name="Threshold">Distance chosen on the development artists.</param>
/// <param name="Development">Scores on the development artists at that threshold.</param>
/// <param name="Test">Scores on this fold's (held-out) artists at that threshold.</param>
/// <param name="TestArtists">Number of held-out artists.</param>
public sealed record AliasFoldResult(int Fold, double Threshold, AliasScores Development, AliasScores Test, int TestArtists);

/// <summary>Outcome of an alias calibration.</summary>
/// <param name="Model">Threshold, probability calibration and low-evidence cap chosen on all artists: the one to deploy.</param>
/// <param name="InSample">Scores of that model on all artists (optimistic).</param>
/// <param name="HeldOut">Scores pooled over folds, each artist scored in the fold where it was held out: the figure to report.</param>
/// <param name="Folds">Per-fold choices and scores.</param>
public sealed record AliasCalibration(AliasModel Model, AliasScores InSample, AliasScores HeldOut, IReadOnlyList<AliasFoldResult> Folds);

/// <summary>
/// Chooses the alias threshold as the homonym threshold is chosen: k-fold cross-validation, here over true artists
/// (an artist and all its names sit in one fold), the threshold maximising F-beta of the proposed pairs on the
/// development artists, precision (false merges between different artists counted) and recall reported on the held-out
/// artists. Probabilities come from Platt scaling on the distances of the candidate pairs.
/// </summary>
public static class AliasCalibrator
{
    /// <summary>Runs the cross-validation and the final choice over all artists.</summary>
    /// <remarks>
    /// Candidate pairs of a set of artists are what the alias search itself looks at: each entity's
    /// <see cref="AliasOptions.Neighbours"/> nearest entities under other names, among those artists only. Thresholds
    /// tried are 0 and the midpoints between consecutive distinct candidate distances (plus one past the largest); ties
    /// in F-beta go to the smaller threshold. Platt scaling is fitted on the logarithm of the distances of the candidate
    /// pairs whose sides both have more than <see cref="AliasOptions.LowEvidenceMaxTracks"/> tracks (all pairs when
    /// there are none): the pairs that matter lie within a few hundredths while the candidates reach far beyond, so a
    /// sigmoid of the distance itself, pulled by many far strangers, came out nearly flat (at most 1/2 even at distance
    /// 0 with six held-out aliases), whereas on the log scale it rises steeply among the close pairs.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range for this many artists.</exception>
    /// <exception cref="ArgumentException">Entity ids repeat or centroids differ in length.</exception>
    public static AliasCalibration Calibrate(
        IReadOnlyList<LabelledAliasEntity> entities,
        AliasCalibrationOptions calibration,
        AliasOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(options);
        var artists = entities.Select(e => e.ArtistId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        calibration.Validate(artists.Length);
        options.Validate();

        var foldOf = AssignFolds(artists, calibration.Folds, calibration.Seed);
        var folds = new AliasFoldResult[calibration.Folds];
        long proposed = 0, correct = 0, truePairs = 0;
        for (var fold = 0; fold < calibration.Folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var development = entities.Where(e => foldOf[e.ArtistId] != fold).ToArray();
            var test = entities.Where(e => foldOf[e.ArtistId] == fold).ToArray();
            var (model, developmentScores) = Fit(development, calibration.Beta, options, cancellationToken);
            var testScores = Score(Candidates(test, options, cancellationToken), test, model.Threshold);
            proposed += testScores.Proposed;
            correct += testScores.Correct;
            truePairs += testScores.TruePairs;
            folds[fold] = new AliasFoldResult(fold, model.Threshold, developmentScores, testScores, test.Select(e => e.ArtistId).Distinct().Count());
        }

        var (final, inSample) = Fit(entities, calibration.Beta, options, cancellationToken);
        return new AliasCalibration(final, inSample, AliasScores.FromCounts(proposed, correct, truePairs), folds);
    }

    private static (AliasModel Model, AliasScores Scores) Fit(IReadOnlyList<LabelledAliasEntity> entities, double beta, AliasOptions options, CancellationToken cancellationToken)
    {
        var candidates = Candidates(entities, options, cancellationToken);
        var truth = entities.ToDictionary(e => e.Entity.EntityId, e => e.Truth, StringComparer.Ordinal);
        var outcomes = candidates.Select(c => AliasMetrics.IsAlias(truth[c.LeftEntityId], truth[c.RightEntityId])).ToArray();
        var truePairs = AliasMetrics.TruePairs(truth.Values);

        var threshold = 0.0;
        var best = double.NegativeInfinity;
        var hits = 0;
        for (var m = 0; m <= candidates.Count; m++)
        {
            hits += m > 0 && outcomes[m - 1] ? 1 : 0;
            if (m > 0 && m < candidates.Count && candidates[m].Evidence.Distance == candidates[m - 1].Evidence.Distance)
            {
                continue;
            }

            var scores = AliasScores.FromCounts(m, hits, truePairs);
            var f = FBeta(scores.Precision, scores.Recall, beta);
            if (f > best)
            {
                best = f;
                threshold = m == 0 ? 0.0
                    : m < candidates.Count ? (candidates[m - 1].Evidence.Distance + candidates[m].Evidence.Distance) / 2
                    : candidates[m - 1].Evidence.Distance + 1e-6;
            }
        }

        var trusted = Enumerable.Range(0, candidates.Count).Where(i => !candidates[i].LowEvidence).ToArray();
        var fitted = trusted.Length > 0 ? trusted : Enumerable.Range(0, candidates.Count).ToArray();
        var platt = fitted.Length == 0
            ? new PlattScaling(0, 0)
            : PlattScaling.Fit([.. fitted.Select(i => AliasModel.Score(candidates[i].Evidence.Distance, logDistance: true))], [.. fitted.Select(i => outcomes[i])]);
        var lowProposed = Enumerable.Range(0, candidates.Count).Where(i => candidates[i].LowEvidence && candidates[i].Evidence.Distance < threshold).ToArray();
        var cap = (lowProposed.Count(i => outcomes[i]) + 1.0) / (lowProposed.Length + 2.0);
        return (new AliasModel(threshold, platt, cap, LogDistance: true), Score(candidates, entities, threshold));
    }

    /// <summary>Each entity's nearest other-name entities among <paramref name="entities"/>, ascending distance.</summary>
    private static IReadOnlyList<AliasSuggestion> Candidates(IReadOnlyList<LabelledAliasEntity> entities, AliasOptions options, CancellationToken cancellationToken)
    {
        var everything = new AliasModel(double.PositiveInfinity, new PlattScaling(0, 0), 1);
        var found = AliasCatalog.Find([.. entities.Select(e => e.Entity)], everything, options, cancellationToken);
        return
        [
            .. found
                .OrderBy(s => s.Evidence.Distance)
                .ThenBy(s => s.LeftEntityId, StringComparer.Ordinal)
                .ThenBy(s => s.RightEntityId, StringComparer.Ordinal),
        ];
    }

    private static AliasScores Score(IReadOnlyList<AliasSuggestion> candidates, IReadOnlyList<LabelledAliasEntity> entities, double threshold) =>
        AliasMetrics.Score(
            candidates.Where(c => c.Evidence.Distance < threshold).Select(c => (c.LeftEntityId, c.RightEntityId)),
            [.. entities.Select(e => e.Truth)]);

    private static double FBeta(double precision, double recall, double beta)
    {
        var b2 = beta * beta;
        return precision + recall == 0 ? 0 : (1 + b2) * precision * recall / (b2 * precision + recall);
    }

    private static Dictionary<string, int> AssignFolds(string[] artists, int folds, int seed)
    {
        var order = (string[])artists.Clone();
        var random = new Random(seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var position = 0; position < order.Length; position++)
        {
            foldOf[order[position]] = position % folds;
        }

        return foldOf;
    }
}
