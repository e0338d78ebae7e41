namespace Disambig.Clustering.Metrics;

/// <summary>
/// The paper's artist classification and verification protocol: each artist is modelled by the mean of its
/// ground-truth track vectors; a test track gets the artist of the nearest model (Euclidean distance).
/// </summary>
public sealed class NearestModelClassifier
{
    private readonly VectorSet _models;
    private readonly int[] _artists;

    private NearestModelClassifier(VectorSet models, int[] artists)
    {
        _models = models;
        _artists = artists;
    }

    /// <summary>Artist labels of the models, in model order (ascending label).</summary>
    public IReadOnlyList<int> Artists => _artists;

    /// <summary>Builds one model per artist: the mean of that artist's vectors.</summary>
    /// <param name="vectors">[n, d] ground-truth track vectors.</param>
    /// <param name="artists">n artist labels.</param>
    /// <exception cref="ArgumentException">The label count differs from the vector count.</exception>
    public static NearestModelClassifier Fit(VectorSet vectors, ReadOnlySpan<int> artists)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        RequireSameCount(vectors, artists, nameof(artists));
        var distinct = artists.ToArray().Distinct().Order().ToArray();
        var slot = distinct.Select((artist, index) => (artist, index)).ToDictionary(p => p.artist, p => p.index);
        var d = vectors.Dimension;
        var sums = new double[distinct.Length * d];
        var counts = new int[distinct.Length];
        for (var i = 0; i < vectors.Count; i++)
        {
            var s = slot[artists[i]];
            counts[s]++;
            var row = vectors.Row(i);
            for (var k = 0; k < d; k++)
            {
                sums[s * d + k] += row[k];
            }
        }

        for (var s = 0; s < distinct.Length; s++)
        {
            for (var k = 0; k < d; k++)
            {
                sums[s * d + k] /= counts[s];
            }
        }

        return new NearestModelClassifier(VectorSet.FromRowMajor(sums, distinct.Length, d), distinct);
    }

    /// <summary>The artist of the nearest model; on equal distances the lowest artist label wins.</summary>
    /// <exception cref="InvalidOperationException">No models were fitted.</exception>
    /// <exception cref="ArgumentException">The vector's dimension differs from the models'.</exception>
    public int Predict(ReadOnlySpan<double> vector)
    {
        if (_artists.Length == 0)
        {
            throw new InvalidOperationException("There are no artist models to classify against.");
        }

        if (vector.Length != _models.Dimension)
        {
            throw new ArgumentException($"The vector has {vector.Length} values, the models {_models.Dimension}.", nameof(vector));
        }

        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var s = 0; s < _artists.Length; s++)
        {
            var distance = CondensedDistances.SquaredDistance(vector, _models.Row(s));
            if (distance < bestDistance)
            {
                (best, bestDistance) = (s, distance);
            }
        }

        return _artists[best];
    }

    /// <summary>Share of test vectors whose nearest model is their own artist; no test vectors or no models give 0.</summary>
    /// <exception cref="ArgumentException">The label count differs from the vector count, or the dimensions differ.</exception>
    public double Accuracy(VectorSet tests, ReadOnlySpan<int> artists)
    {
        ArgumentNullException.ThrowIfNull(tests);
        RequireSameCount(tests, artists, nameof(artists));
        RequireModelDimension(tests);
        if (tests.Count == 0)
        {
            return 0;
        }

        var correct = 0;
        for (var i = 0; i < tests.Count; i++)
        {
            correct += _artists.Length > 0 && Predict(tests.Row(i)) == artists[i] ? 1 : 0;
        }

        return (double)correct / tests.Count;
    }

    /// <summary>
    /// Verification distances (Euclidean) between every test vector and every model: genuine when the model is the
    /// test vector's artist, impostor otherwise. Feed them to <see cref="EqualErrorRate.Compute"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The label count differs from the vector count, or the dimensions differ.</exception>
    public (double[] Genuine, double[] Impostor) VerificationDistances(VectorSet tests, ReadOnlySpan<int> artists)
    {
        ArgumentNullException.ThrowIfNull(tests);
        RequireSameCount(tests, artists, nameof(artists));
        RequireModelDimension(tests);
        var genuine = new List<double>();
        var impostor = new List<double>();
        for (var i = 0; i < tests.Count; i++)
        {
            for (var s = 0; s < _artists.Length; s++)
            {
                var distance = Math.Sqrt(CondensedDistances.SquaredDistance(tests.Row(i), _models.Row(s)));
                (_artists[s] == artists[i] ? genuine : impostor).Add(distance);
            }
        }

        return ([.. genuine], [.. impostor]);
    }

    private static void RequireSameCount(VectorSet vectors, ReadOnlySpan<int> labels, string name)
    {
        if (labels.Length != vectors.Count)
        {
            throw new ArgumentException($"Got {labels.Length} labels for {vectors.Count} vectors.", name);
        }
    }

    private void RequireModelDimension(VectorSet tests)
    {
        if (tests.Count > 0 && _artists.Length > 0 && tests.Dimension != _models.Dimension)
        {
            throw new ArgumentException($"The test vectors have dimension {tests.Dimension}, the models {_models.Dimension}.", nameof(tests));
        }
    }
}
