namespace Disambig.Grains.Names;

/// <summary>What a name grain persists: its tracks, its latest result and the outcome of the sweep that made it.</summary>
[GenerateSerializer, Alias("Disambig.NameState")]
public sealed partial class NameState
{
    [Id(0)] public string DisplayName { get; set; } = "";

    /// <summary>The name's tracks, in the order they were first added.</summary>
    [Id(1)] public List<TrackRef> Tracks { get; set; } = [];

    /// <summary>The latest result.</summary>
    [Id(2)] public NameResult? Result { get; set; }

    /// <summary>The latest sweep's account of the name (of <see cref="OutcomeSweepId"/>).</summary>
    [Id(3)] public NameOutcome? Outcome { get; set; }

    /// <summary>Its curators' decisions (the audit log), review and entity id counter.</summary>
    [Id(4)] public NameCuration Curation { get; set; } = NameCuration.None;

    /// <summary>The latest result's picture, for the dashboard.</summary>
    [Id(5)] public NamePicture? Picture { get; set; }

    /// <summary>The outcome recorded for <paramref name="sweepId"/>, or null when that sweep has not completed this name.</summary>
    public NameOutcome? OutcomeOf(string sweepId) => (OutcomeSweepId ?? Result?.SweepId) == sweepId ? Outcome : null;

    /// <summary>
    /// The pages of a big name's tracks in the results store, in order (null: the tracks are in <see cref="Tracks"/>).
    /// </summary>
    [Id(51)] public List<TrackPageRef>? TrackPages { get; set; }

    /// <summary>
    /// True when <see cref="Result"/> is the <see cref="NameResult.Paged"/> summary of a big name's result, whose whole is
    /// the results store's object (<c>names/{name}.json</c>).
    /// </summary>
    [Id(52)] public bool ResultInStore { get; set; }

    /// <summary>The name's number of tracks.</summary>
    public int TrackCount => TrackPages?.Sum(p => p.Count) ?? Tracks.Count;

    /// <summary>
    /// Keeps <paramref name="whole"/> as the latest result: itself when it lists at most <paramref name="listed"/> tracks,
    /// else its <see cref="NameResult.Paged"/> summary (the whole is then the results store's). The
    /// <see cref="Picture"/>'s points take their entities from it (<see cref="NamePictures.Coloured"/>). Returns what is kept.
    /// </summary>
    public NameResult KeepResult(NameResult whole, int listed)
    {
        var kept = NameResultPages.Summary(whole, listed);
        (Result, ResultInStore) = (kept, kept.Paged);
        if (Picture is { } picture) Picture = NamePictures.Coloured(picture, whole);
        return kept;
    }

    /// <summary>Keeps the tracks in the state (null <paramref name="pages"/>) or as <paramref name="pages"/> of the results store.</summary>
    public void KeepTracks(IReadOnlyList<TrackRef> inline, List<TrackPageRef>? pages) => (Tracks, TrackPages) = ([.. inline], pages);
}

/// <summary>One page of a big name's tracks: its object in the results store (named by its content) and its number of tracks.</summary>
[GenerateSerializer, Immutable, Alias("Disambig.TrackPageRef")]
public sealed record TrackPageRef([property: Id(0)] string Blob, [property: Id(1)] int Count);
