namespace Disambig.Audio;

/// <summary>The planned segments of one track as audio.</summary>
/// <param name="Path">The file.</param>
/// <param name="Stream">ffprobe's view of its audio stream.</param>
/// <param name="Plan">Where the segments lie.</param>
/// <param name="Strategy">How they were decoded.</param>
/// <param name="Samples">[Plan.Count, Plan.SegmentSamples] mono float audio at 22 050 Hz, row-major, zero-padded where flagged.</param>
public sealed record DecodedTrack(string Path, AudioStreamInfo Stream, SegmentPlan Plan, DecodeStrategy Strategy, float[] Samples);
