using System.Text.Json;
using Disambig.Datasets.Recipes;

namespace Disambig.Evaluation;

/// <summary>Size of an evaluation set: what was actually embedded (tracks whose audio failed are not counted).</summary>
public sealed record SetSize(int Artists, int Tracks, double Hours);

/// <summary>The training set of a model, found by its dataset digest among the prepared datasets given to the evaluation.</summary>
/// <param name="Prefix">Where the dataset lies below the datasets folder.</param>
/// <param name="Recipe">The recipe that wrote it, when recorded.</param>
public sealed record TrainingSetSize(string Prefix, string Recipe, int Artists, int Segments, double Hours);

/// <summary>One model's results.</summary>
/// <param name="Label">Name in tables and figures (the checkpoint folder's name).</param>
/// <param name="Kind">"metric" or "classifier".</param>
/// <param name="TrainingSet">Null when the training dataset was not found.</param>
/// <param name="Classification">Null when the classification set was too small.</param>
/// <param name="Clustering">Null when there were fewer than 2 homonym groups.</param>
public sealed record ModelReport(
    string Label,
    string Directory,
    string Version,
    string Kind,
    int Dim,
    int SegmentSeconds,
    string DatasetDigest,
    TrainingSetSize? TrainingSet,
    ClassificationResult? Classification,
    ClusteringResult? Clustering)
{
    /// <summary>Alias precision and recall at the cross-validated alias threshold; null when fewer than two artists were embedded.</summary>
    public AliasEvaluation? Aliases { get; init; }
}

/// <summary>Everything <c>disambig eval</c> measured; written as <c>report.json</c> and rendered as <c>report.md</c>.</summary>
/// <param name="Catalog">The evaluation catalog file.</param>
/// <param name="ClassificationSet">Artists, tracks and hours of the classification and verification set.</param>
/// <param name="HomonymSet">Artists, tracks and hours of the homonym clustering set.</param>
/// <param name="HomonymGroups">Names in the homonym set.</param>
/// <param name="Settings">The evaluation options.</param>
public sealed record EvaluationReport(
    DateTimeOffset CreatedUtc,
    string Catalog,
    string CatalogDigest,
    SetSize ClassificationSet,
    SetSize HomonymSet,
    int HomonymGroups,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<ModelReport> Models,
    IReadOnlyList<SkippedTrack> Skipped)
{
    public const string JsonFileName = "report.json";
    public const string MarkdownFileName = "report.md";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<EvaluationReport> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<EvaluationReport>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"{path} holds no evaluation report.");
    }
}
