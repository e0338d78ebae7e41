using ScottPlot;

namespace Disambig.Evaluation;

/// <summary>
/// The paper's Figures 2 to 4 for the evaluated models: verification EER, classification accuracy, and mean ARI and
/// AMI of homonym clustering, one bar (or pair of bars) per model, coloured by system.
/// </summary>
public static class ReportFigures
{
    public const string EerFileName = "eer.png";
    public const string AccuracyFileName = "accuracy.png";
    public const string ClusteringFileName = "clustering.png";

    private const int Width = 900, Height = 560;

    /// <summary>Writes the figures whose task ran for at least one model; returns their file names.</summary>
    public static IReadOnlyList<string> Write(EvaluationReport report, string folder)
    {
        var written = new List<string>();
        var classified = report.Models.Where(m => m.Classification is not null).ToList();
        if (classified.Count > 0)
        {
            SingleBars(classified, m => m.Classification!.EqualErrorRate * 100, "Artist verification: equal error rate (lower is better)", "EER (%)", Path.Combine(folder, EerFileName));
            SingleBars(classified, m => m.Classification!.Accuracy * 100, "Artist classification: nearest-model accuracy (higher is better)", "Accuracy (%)", Path.Combine(folder, AccuracyFileName));
            written.AddRange([EerFileName, AccuracyFileName]);
        }
        var clustered = report.Models.Where(m => m.Clustering is not null).ToList();
        if (clustered.Count > 0)
        {
            PairedBars(clustered, Path.Combine(folder, ClusteringFileName));
            written.Add(ClusteringFileName);
        }
        return written;
    }

    private static void SingleBars(IReadOnlyList<ModelReport> models, Func<ModelReport, double> value, string title, string axis, string path)
    {
        var plot = new Plot();
        var systems = Systems(models);
        var bars = models.Select((m, i) => new Bar
        {
            Position = i,
            Value = value(m),
            FillColor = plot.Add.Palette.GetColor(systems.IndexOf(SystemOf(m))),
            Label = value(m).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        plot.Add.Bars(bars);
        Finish(plot, models.Select((m, i) => new Tick(i, m.Label)), title, axis);
        AddLegend(plot, systems.Select((s, i) => (s, plot.Add.Palette.GetColor(i))));
        plot.SavePng(path, Width, Height);
    }

    private static void PairedBars(IReadOnlyList<ModelReport> models, string path)
    {
        var plot = new Plot();
        var ari = plot.Add.Palette.GetColor(0);
        var ami = plot.Add.Palette.GetColor(1);
        var bars = new List<Bar>();
        for (int i = 0; i < models.Count; i++)
        {
            var result = models[i].Clustering!;
            bars.Add(new Bar { Position = 3 * i, Value = result.MeanAri, FillColor = ari, Label = Format(result.MeanAri) });
            bars.Add(new Bar { Position = 3 * i + 1, Value = result.MeanAmi, FillColor = ami, Label = Format(result.MeanAmi) });
        }
        plot.Add.Bars(bars);
        var folds = models.Max(m => m.Clustering!.Folds);
        Finish(plot, models.Select((m, i) => new Tick(3 * i + 0.5, m.Label)), $"Homonym clustering, {folds}-fold cross-validation (higher is better)", "Mean score on test folds");
        AddLegend(plot, [("ARI", ari), ("AMI", ami)]);
        plot.SavePng(path, Width, Height);
    }

    private static void Finish(Plot plot, IEnumerable<Tick> ticks, string title, string axis)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 170;
        plot.HideGrid();
        plot.Title(title);
        plot.YLabel(axis);
        plot.Axes.Margins(bottom: 0);
    }

    private static void AddLegend(Plot plot, IEnumerable<(string Label, Color Color)> entries)
    {
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        foreach (var (label, color) in entries) plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color });
    }

    /// <summary>The system a model belongs to, as the paper names them: "ml d=32", "ml d=256", "cl".</summary>
    public static string SystemOf(ModelReport model) => model.Kind == "metric" ? $"ml d={model.Dim}" : "cl";

    private static List<string> Systems(IEnumerable<ModelReport> models) => [.. models.Select(SystemOf).Distinct().Order(StringComparer.Ordinal)];

    private static string Format(double value) => value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
