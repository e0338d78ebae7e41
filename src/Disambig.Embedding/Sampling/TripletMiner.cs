namespace Disambig.Embedding.Sampling;

/// <summary>The triplets kept for a step and how many of each kind there were.</summary>
/// <param name="Kept">Indices (into the batch's triplets) of the hard and semi-hard ones.</param>
public sealed record MiningResult(IReadOnlyList<int> Kept, int Hard, int SemiHard, int Total)
{
    public double KeptFraction => Total == 0 ? 0 : (double)Kept.Count / Total;
}

/// <summary>
/// Section 3.2 keeps only the triplets "not yet separated": with u = |f(a)-f(n)|² - |f(a)-f(p)|², a triplet is
/// hard when u &lt; 0 (the negative is closer than the positive) and semi-hard when 0 &lt;= u &lt;= alpha (within the
/// margin); the others already have zero loss. The paper prints the difference the other way round (positive
/// minus negative), which would keep the separated triplets and drop the violating ones; this follows its stated
/// intent and FaceNet's definitions (see docs/model.md).
/// </summary>
public static class TripletMiner
{
    /// <param name="squaredDistances">[slots, slots] squared distances between the batch's embeddings, row-major.</param>
    /// <param name="slots">Slots in the batch (N·n).</param>
    /// <param name="margin">alpha (0.2 in the paper).</param>
    public static MiningResult Select(IReadOnlyList<Triplet> triplets, ReadOnlySpan<float> squaredDistances, int slots, double margin)
    {
        if (squaredDistances.Length != slots * slots)
            throw new ArgumentException($"Expected {slots} x {slots} distances, got {squaredDistances.Length}.", nameof(squaredDistances));
        var kept = new List<int>();
        int hard = 0, semiHard = 0;
        for (int t = 0; t < triplets.Count; t++)
        {
            var (a, p, n) = triplets[t];
            double separation = (double)squaredDistances[a * slots + n] - squaredDistances[a * slots + p];
            if (separation < 0) hard++;
            else if (separation <= margin) semiHard++;
            else continue;
            kept.Add(t);
        }
        return new MiningResult(kept, hard, semiHard, triplets.Count);
    }

    /// <summary>Mean squared distance over pairs of slots whose artists differ: near 0 when the embedding has collapsed.</summary>
    public static double MeanDistanceBetweenArtists(ReadOnlySpan<float> squaredDistances, IReadOnlyList<int> slotArtists)
    {
        int slots = slotArtists.Count;
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < slots; i++)
        {
            for (int j = i + 1; j < slots; j++)
            {
                if (slotArtists[i] == slotArtists[j]) continue;
                sum += squaredDistances[i * slots + j];
                pairs++;
            }
        }
        return pairs == 0 ? 0 : sum / pairs;
    }
}
