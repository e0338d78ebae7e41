using System.CommandLine;
using System.Globalization;
using Disambig.Cli.IO;
using Disambig.Clustering;

namespace Disambig.Cli.Commands;

/// <summary>
/// <c>disambig cluster</c>: Ward clustering of a file of embeddings cut at a distance threshold, as scipy's
/// <c>fcluster(linkage(X, 'ward'), t, criterion='distance')</c>.
/// </summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var embeddings = new Option<string>("--embeddings") { Description = "Vectors to cluster: .npy [n, d] float32/float64, or CSV with one vector per line (an optional header line).", Required = true };
        var threshold = new Option<double>("--threshold") { Description = "Ward distance threshold t: merges above t are cut (>= 0).", Required = true };
        var linkageOut = new Option<string?>("--linkage-out") { Description = "Write the merge tree here as scipy's linkage matrix: .npy float64 [n-1, 4]." };
        var labelsOut = new Option<string?>("--labels-out") { Description = "Write the cluster label (1..k) of each vector here, one per line." };
        var command = new Command("cluster", "Cluster embeddings with Ward linkage and a distance threshold; print the cluster sizes.")
        {
            embeddings, threshold, linkageOut, labelsOut,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(
            parse.GetRequiredValue(embeddings), parse.GetValue(threshold), parse.GetValue(linkageOut), parse.GetValue(labelsOut), Console.Out, cancellationToken)));
        return command;
    }

    /// <returns>0 on success, 2 when an input is invalid (the message names the file and the reason).</returns>
    public static int Run(string embeddingsPath, double threshold, string? linkageOut, string? labelsOut, TextWriter output, CancellationToken cancellationToken)
    {
        VectorSet vectors;
        try
        {
            new WardClusteringOptions { Threshold = threshold }.Validate();
            vectors = Load(embeddingsPath);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
        {
            output.WriteLine($"error: {e.Message}");
            return 2;
        }

        var decision = new WardThresholdClusterer(new WardClusteringOptions { Threshold = threshold }).Cluster(vectors, cancellationToken);
        if (linkageOut is not null && decision.Linkage is { } linkage)
        {
            var matrix = linkage.ToMatrix();
            NpyFile.WriteFloat64(linkageOut, Flatten(matrix), matrix.GetLength(0), 4);
        }

        if (labelsOut is not null)
        {
            File.WriteAllLines(labelsOut, decision.Labels.Select(label => label.ToString(CultureInfo.InvariantCulture)));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{vectors.Count} vectors of dimension {vectors.Dimension} at threshold {threshold}: {decision.ClusterCount} clusters (confidence {decision.SplitConfidence:F2})."));
        foreach (var cluster in decision.Labels.GroupBy(label => label).OrderBy(group => group.Key))
        {
            output.WriteLine($"cluster {cluster.Key}: {cluster.Count()} vectors");
        }

        return 0;
    }

    /// <exception cref="InvalidDataException">The file is not an [n, d] array of finite numbers; the message names it.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    private static VectorSet Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }

        try
        {
            return Path.GetExtension(path).Equals(".npy", StringComparison.OrdinalIgnoreCase) ? LoadNpy(path) : LoadCsv(path);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: the file ends before all the values its header declares.", e);
        }
    }

    private static VectorSet LoadNpy(string path)
    {
        var array = NpyFile.ReadFloat32(path);
        if (array.Shape.Length != 2)
        {
            throw new InvalidDataException($"{path}: expected a 2-D array [vectors, dimension], got shape ({string.Join(", ", array.Shape)}).");
        }

        return VectorSet.FromRowMajor(array.Data, array.Shape[0], array.Shape[1]);
    }

    private static VectorSet LoadCsv(string path)
    {
        var rows = new List<double[]>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            var values = new double[fields.Length];
            var numeric = fields.Select((field, k) => double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out values[k])).All(ok => ok);
            if (!numeric && lineNumber == 1)
            {
                continue; // a header line
            }

            if (!numeric)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: not a list of numbers.");
            }

            if (rows.Count > 0 && values.Length != rows[0].Length)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: {values.Length} values where earlier lines have {rows[0].Length}.");
            }

            rows.Add(values);
        }

        return VectorSet.FromRows(rows);
    }

    private static double[] Flatten(double[,] matrix)
    {
        var flat = new double[matrix.Length];
        Buffer.BlockCopy(matrix, 0, flat, 0, matrix.Length * sizeof(double));
        return flat;
    }
}
