using System.Globalization;

namespace Disambig.Datasets.Recipes;

/// <summary>Which segments to cut from one track; resolved against the audio when the track is decoded.</summary>
public abstract record TrackSampling
{
    /// <summary>Seconds per segment.</summary>
    public abstract double SegmentSeconds { get; }

    /// <summary>Segments this sampling yields from a track long enough for it.</summary>
    public abstract int PlannedSegments { get; }

    /// <summary>A stable one-line description, part of the plan digest.</summary>
    public abstract string Describe();

    protected static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// <paramref name="Count"/> segments linearly spaced over the whole track, the first at its start and the last at
/// its end (the audio front end's segment plan); a track shorter than one segment gives one zero-padded segment.
/// </summary>
public sealed record LinearSamples(int Count, double Seconds) : TrackSampling
{
    public override double SegmentSeconds => Seconds;

    public override int PlannedSegments => Count;

    public override string Describe() => $"linear {Count} x {Text(Seconds)} s";
}

/// <summary>
/// One excerpt of <paramref name="ExcerptSeconds"/> whose start lies at <paramref name="Position"/> (0 = the track's
/// start, 1 = as late as the excerpt fits) cut into consecutive non-overlapping segments of <paramref name="Seconds"/>.
/// A track shorter than the excerpt gives as many whole segments as it holds, placed by the same rule.
/// </summary>
public sealed record RandomExcerpt(double Position, double ExcerptSeconds, double Seconds) : TrackSampling
{
    public override double SegmentSeconds => Seconds;

    public override int PlannedSegments => (int)Math.Floor(ExcerptSeconds / Seconds + 1e-9);

    public override string Describe() => $"excerpt at {Text(Position)} of {Text(ExcerptSeconds)} s in {Text(Seconds)} s";
}
