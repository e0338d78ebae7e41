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

    /// <summary>Adds or replaces tracks by id; returns how many were new or changed.</summary>
    public int Merge(string displayName, IReadOnlyList<TrackRef> tracks)
    {
        if (DisplayName.Length == 0) DisplayName = displayName;
        var changed = 0;
        foreach (var track in tracks)
        {
            var index = Tracks.FindIndex(t => t.TrackId == track.TrackId);
            if (index < 0) Tracks.Add(track);
            else if (Tracks[index] != track) Tracks[index] = track;
            else continue;
            changed++;
        }
        return changed;
    }
}
