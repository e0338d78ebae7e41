namespace Disambig.Embedding.Sampling;

/// <summary>A triplet of batch slots: anchor and positive share an artist, the negative is another artist's.</summary>
public readonly record struct Triplet(int Anchor, int Positive, int Negative);

/// <summary>
/// One iteration's sample. Slot <c>a * n + k</c> holds the k-th segment of the batch's a-th artist.
/// </summary>
public sealed class TripletBatch
{
    /// <summary>Dataset segment index of each slot (N·n).</summary>
    public required IReadOnlyList<int> Segments { get; init; }

    /// <summary>Dataset artist index of each slot (N·n).</summary>
    public required IReadOnlyList<int> SlotArtists { get; init; }

    /// <summary>All N·n(n-1)/2 triplets, in slot indices.</summary>
    public required IReadOnlyList<Triplet> Triplets { get; init; }

    /// <summary>How many triplets have a negative that shares a tag with its anchor.</summary>
    public required int SameTagNegatives { get; init; }
}
