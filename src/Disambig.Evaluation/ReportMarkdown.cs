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
        md.AppendLine("| model | accuracy | EER | EER threshold | mean ARI | mean AMI | folds | calibrated threshold |").AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var m in report.Models)
        {
            var c = m.Classification;
            var h = m.Clustering;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Label} | {Percent(c?.Accuracy)} | {Percent(c?.EqualErrorRate)} | {Number(c?.EerThreshold)} | {Number(h?.MeanAri)} | {Number(h?.MeanAmi)} | {Text(h?.Folds)} | {Number(h?.Threshold)} |");
        }
        md.AppendLine();
        md.AppendLine("Accuracy: nearest artist model (mean of the model tracks' vectors). EER: every (test track, artist model) pair. ")
            .AppendLine("ARI and AMI: mean over the homonym groups, each scored in the fold that held it out, with the Ward threshold chosen on the other folds by mean AMI. ")
            .AppendLine("The calibrated threshold (best mean AMI over all groups) is written into each model's meta.json.").AppendLine();
        foreach (var figure in figures) md.AppendLine(CultureInfo.InvariantCulture, $"![{Path.GetFileNameWithoutExtension(figure)}]({figure})").AppendLine();
        if (report.Skipped.Count > 0)
        {
            md.AppendLine("## Skipped tracks").AppendLine().AppendLine("| track | reason | detail |").AppendLine("|---|---|---|");
            foreach (var s in report.Skipped) md.AppendLine(CultureInfo.InvariantCulture, $"| {s.TrackId} | {s.Reason} | {s.Detail.Replace('|', '/')} |");
            md.AppendLine();
        }
        return md.ToString();
    }

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-";

    private static string Number(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-";

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
