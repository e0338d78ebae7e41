using Disambig.Aliases;
using Disambig.Catalog;

namespace Disambig.Evaluation;

/// <summary>
/// Alias precision and recall of one model on the evaluation catalog (issue 17).
/// </summary>
/// <param name="Source">
/// <c>catalog</c> when the catalog credits some true artist under two or more names (its own aliases are scored), else
/// <c>album-split</c> (every artist credited under two names its albums alternate between: planted aliases).
/// </param>
/// <param name="Entities">Entities: one per (credited name, true artist).</param>
/// <param name="Artists">True artists.</param>
/// <param name="Threshold">Alias threshold chosen on all artists (cosine distance between centroids).</param>
/// <param name="HeldOut">Pairwise scores pooled over folds, each artist scored where it was held out: the figure to report.</param>
/// <param name="InSample">Scores of the final threshold on all artists (optimistic).</param>
public sealed record AliasEvaluation(string Source, int Entities, int Artists, double Threshold, AliasScores HeldOut, AliasScores InSample)
{
    /// <summary>The calibrated decision (threshold and probability map) that <c>disambig eval</c> records with the model.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public AliasModel? Model { get; init; }
}

/// <summary>Runs <see cref="AliasCalibrator"/> over the embedded labelled tracks of the evaluation catalog.</summary>
public static class AliasTask
{
    /// <returns>The evaluation, or null when fewer than two artists have embedded tracks.</returns>
    public static AliasEvaluation? Run(IEnumerable<CatalogTrack> tracks, IReadOnlyDictionary<string, float[]> vectors, CancellationToken cancellationToken)
    {
        var labelled = tracks.Where(t => t.TrueArtistId is not null && vectors.ContainsKey(t.TrackId)).DistinctBy(t => t.TrackId)
            .Select(t => new LabelledTrackVector(ArtistNameKey.From(t.ArtistName), t.TrueArtistId!, t.AlbumId, t.ReleaseDate.Year, vectors[t.TrackId]))
            .ToList();
        var hasAliases = labelled.GroupBy(t => t.ArtistId, StringComparer.Ordinal).Any(a => a.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() > 1);
        var entities = hasAliases ? LabelledAliasSet.ByCredit(labelled) : LabelledAliasSet.AlbumSplit(labelled);
        var calibration = LabelledAliasSet.Calibrate(entities, cancellationToken);
        return calibration is null
            ? null
            : new AliasEvaluation(hasAliases ? "catalog" : "album-split", entities.Count, entities.Select(e => e.ArtistId).Distinct(StringComparer.Ordinal).Count(),
                calibration.Model.Threshold, calibration.HeldOut, calibration.InSample) { Model = calibration.Model };
    }
}
