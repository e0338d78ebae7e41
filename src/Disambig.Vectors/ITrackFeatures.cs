using Disambig.Segments;
using Disambig.Audio;

namespace Disambig.Vectors;

/// <summary>Decodes a track's planned segments and computes their mel spectrograms (a worker silo's CPU work).</summary>
public interface ITrackFeatures
{
    /// <summary>
    /// The mel segments of the audio file at <paramref name="localPath"/>, cut in segments of
    /// <paramref name="segmentSeconds"/> (the model's), computed off the Orleans scheduler.
    /// </summary>
    /// <exception cref="AudioDecodeException">The file yields no features; the reason is typed.</exception>
    Task<SegmentBatch> ExtractAsync(string localPath, int segmentSeconds, CancellationToken cancellationToken);
}
