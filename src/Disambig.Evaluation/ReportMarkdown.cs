using System.Globalization;
using System.Text;

namespace Disambig.Evaluation;

/// <summary>Renders an <see cref="EvaluationReport"/> as <c>report.md</c>: sets, models, results, figures, skipped tracks.</summary>
public static class ReportMarkdown
{
    public static string Render(EvaluationReport report, IReadOnlyList<string> figures)
    {
        var md = new StringBuilder();
        md.AppendLine("# Evaluation report").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Catalog `{report.Catalog}` ({report.CatalogDigest[..Math.Min(19, report.CatalogDigest.Length)]}...), {report.CreatedUtc:yyyy-MM-dd HH:mm} UTC.").AppendLine();
        md.AppendLine("## Evaluation sets").AppendLine();
        md.AppendLine("| set | groups | artists | tracks | hours of audio |").AppendLine("|---|---|---|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| classification / verification | - | {report.ClassificationSet.Artists} | {report.ClassificationSet.Tracks} | {report.ClassificationSet.Hours:0.00} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| homonym clustering | {report.HomonymGroups} | {report.HomonymSet.Artists} | {report.HomonymSet.Tracks} | {report.HomonymSet.Hours:0.00} |");
        md.AppendLine();
        md.AppendLine("## Models").AppendLine();
        md.AppendLine("| model | system | segment | training set | training artists | training segments | training hours |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var m in report.Models)
        {
            var set = m.TrainingSet;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Label} | {ReportFigures.SystemOf(m)} | {m.SegmentSeconds} s | {set?.Prefix ?? "not found"} | {Text(set?.Artists)} | {Text(set?.Segments)} | {(set is null ? "-" : set.Hours.ToString("0.00", CultureInfo.InvariantCulture))} |");
        }
        md.AppendLine();
        md.AppendLine("## Results").AppendLine();
        md.AppendLine("| model | accuracy | EER | EER threshold | mean ARI | mean AMI | one-artist names split | ECE | flagged for review | folds | calibrated threshold |").AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var m in report.Models)
        {
            var c = m.Classification;
            var h = m.Clustering;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Label} | {Percent(c?.Accuracy)} | {Percent(c?.EqualErrorRate)} | {Number(c?.EerThreshold)} | {Number(h?.MeanAri)} | {Number(h?.MeanAmi)} | {Split(h)} | {Number(h?.ExpectedCalibrationError)} | {Text(h?.FlaggedForReview)} | {Text(h?.Folds)} | {Number(h?.Threshold)} |");
        }
        md.AppendLine();
        md.AppendLine("Accuracy: nearest artist model (mean of the model tracks' vectors). EER: every (test track, artist model) pair. ")
            .AppendLine("ARI and AMI: mean over the homonym groups, each scored in the fold that held it out, with the Ward threshold chosen on the other folds by mean AMI. ")
            .AppendLine("Each unseen artist also forms a one-artist name; a threshold may split at most the configured share of them (held-out share shown). ")
            .AppendLine("The calibrated threshold (best mean AMI over all groups within that limit) is written into each model's meta.json. ")
            .AppendLine("ECE: expected calibration error of the held-out probability that a name's decision is right (Platt scaling of the split confidence). ")
            .AppendLine("Flagged: splits less probable than the limit, kept whole for a curator's review.").AppendLine();
        if (report.Models.Any(m => m.Aliases is not null))
        {
            md.AppendLine("## Aliases").AppendLine();
            md.AppendLine("| model | source | entities | artists | threshold | held-out precision | held-out recall | proposed | correct | true pairs |").AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var m in report.Models.Where(m => m.Aliases is not null))
            {
                var a = m.Aliases!;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {m.Label} | {a.Source} | {a.Entities} | {a.Artists} | {a.Threshold:0.000} | {a.HeldOut.Precision:0.000} | {a.HeldOut.Recall:0.000} | {a.HeldOut.Proposed} | {a.HeldOut.Correct} | {a.HeldOut.TruePairs} |");
            }
            md.AppendLine().AppendLine("One entity per (credited name, true artist); alias threshold chosen by cross-validation over artists (F0.5 of the proposed pairs), ")
                .AppendLine("scores pooled over the held-out folds. Source `album-split`: the catalog credits no artist under two names, so each artist is credited under two, its albums alternating.").AppendLine();
        }
        foreach (var m in report.Models.Where(m => m.Clustering?.Names is { Count: > 0 })) Decisions(md, m.Label, m.Clustering!);
        foreach (var figure in figures) md.AppendLine(CultureInfo.InvariantCulture, $"![{Path.GetFileNameWithoutExtension(figure)}]({figure})").AppendLine();
        if (report.Skipped.Count > 0)
        {
            md.AppendLine("## Skipped tracks").AppendLine().AppendLine("| track | reason | detail |").AppendLine("|---|---|---|");
            foreach (var s in report.Skipped) md.AppendLine(CultureInfo.InvariantCulture, $"| {s.TrackId} | {s.Reason} | {s.Detail.Replace('|', '/')} |");
            md.AppendLine();
        }
        return md.ToString();
    }

    /// <summary>The reliability table, the homonym groups and every flagged or wrongly split one-artist name of one model.</summary>
    private static void Decisions(StringBuilder md, string label, ClusteringResult h)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"## Decisions of {label}").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Probability that a decision is right = 1 / (1 + exp({Number(h.SplitProbabilityA)} c + {Number(h.SplitProbabilityB)})) for confidence c; ");
        md.AppendLine(CultureInfo.InvariantCulture, $"with flagged names kept whole, held-out mean AMI {Number(h.ReviewedMeanAmi)} and {Percent(h.ReviewedOneArtistSplitShare)} of one-artist names split.").AppendLine();
        md.AppendLine("| names | mean predicted | observed right |").AppendLine("|---|---|---|");
        foreach (var bin in h.Reliability ?? []) md.AppendLine(CultureInfo.InvariantCulture, $"| {bin.Names} | {Number(bin.MeanPredicted)} | {Number(bin.ObservedRight)} |");
        md.AppendLine().AppendLine("| name | kind | artists | tracks | clusters | ARI | AMI | confidence | probability | right | review |").AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var n in h.Names!.Where(n => n.Kind == "homonym" || n.Clusters > 1 || n.FlaggedForReview))
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {n.Name.Replace('|', '/')} | {n.Kind} | {n.Artists.Count} | {n.Tracks} | {n.Clusters} | {Number(n.Ari)} | {Number(n.Ami)} | {Number(n.Confidence)} | {Number(n.Probability)} | {(n.Right ? "yes" : "no")} | {(n.FlaggedForReview ? "flagged" : "")} |");
        }
        md.AppendLine().AppendLine("One-artist names kept whole and not flagged are left out of this table; report.json lists every name.").AppendLine();
    }

    private static string Split(ClusteringResult? h) => h is null ? "-"
        : h.OneArtistNames == 0 ? "no names"
        : $"{Percent(h.OneArtistSplitShare)} of {h.OneArtistNames}";

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-";

    private static string Number(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-";

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
