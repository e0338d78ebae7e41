namespace Disambig.Grains.Names;

/// <summary>
/// Whether a name awaits a sweep: its tracks changed since the last sweep run that covered them. An ingestion interrupted
/// before its sweep started (a silo lost, a timeout) is rerun with the same file, whose tracks are all there already:
/// such names come back as awaiting (<see cref="IngestSummary.AwaitingNames"/>), so the rerun's sweep still covers them.
/// </summary>
public sealed partial class NameState
{
    /// <summary>How many times the name's tracks changed (each <see cref="IArtistNameGrain.AddTracks"/> that changed any).</summary>
    [Id(100)] public long TrackChanges { get; set; }

    /// <summary>The <see cref="TrackChanges"/> covered by the latest sweep run that completed with an outcome of its tracks.</summary>
    [Id(101)] public long SweptChanges { get; set; }

    /// <summary>True while the tracks changed since a sweep run covered them.</summary>
    public bool AwaitsSweep => TrackChanges > SweptChanges;

    /// <summary>Counts a change of the tracks; returns the new <see cref="TrackChanges"/>.</summary>
    public long TracksChanged() => ++TrackChanges;

    /// <summary>
    /// Records that a sweep run covered the tracks as they were at <paramref name="changes"/> (read when the run took its
    /// track list, so tracks added during the run still await); false when that was already recorded.
    /// </summary>
    public bool MarkSwept(long changes)
    {
        if (changes <= SweptChanges) return false;
        SweptChanges = changes;
        return true;
    }
}
