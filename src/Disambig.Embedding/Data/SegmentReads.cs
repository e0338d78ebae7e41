using System.Security.Cryptography;
using System.Text;

namespace Disambig.Embedding.Data;

/// <summary>Checks and digests shared by the dataset implementations.</summary>
internal static class SegmentReads
{
    public static void CheckDestination(int segments, int segmentSize, int destinationLength)
    {
        if (destinationLength != (long)segments * segmentSize)
        {
            throw new ArgumentException(
                $"The destination holds {destinationLength} values; {segments} segments need {(long)segments * segmentSize}.");
        }
    }

    /// <summary>Adds the labels (artist per segment, names and tags) to a digest.</summary>
    public static void AppendLabels(IncrementalHash hash, SegmentLabels labels)
    {
        var text = new StringBuilder();
        foreach (var artist in labels.Artists) text.Append(artist.Name).Append('\t').AppendJoin(',', artist.Tags).Append('\n');
        for (int s = 0; s < labels.SegmentCount; s++) text.Append(labels.ArtistOf(s)).Append(' ');
        hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
