namespace Disambig.Catalog.Demo;

/// <summary>Everything needed to synthesise one demo track and the catalog line that describes it.</summary>
/// <param name="Track">The catalog line.</param>
/// <param name="Artist">The true artist.</param>
/// <param name="Album">The album and its production.</param>
/// <param name="DurationSeconds">Length of the track, in seconds.</param>
/// <param name="Bpm">Tempo, within the artist's range.</param>
/// <param name="TonicMidiNote">Tonic of the track's key (MIDI note within the artist's register).</param>
/// <param name="SynthesisSeed">Seed of the track's own draws (melody, noise): the track's audio depends on nothing else.</param>
public sealed record DemoTrack(
    CatalogTrack Track,
    ArtistProfile Artist,
    AlbumProduction Album,
    double DurationSeconds,
    double Bpm,
    int TonicMidiNote,
    ulong SynthesisSeed);

/// <summary>The drawn catalog: artists and tracks, before any audio exists.</summary>
/// <param name="Artists">Credited artists: one profile per true artist, in id order, then two per alias artist (one per name, same id).</param>
/// <param name="Tracks">Tracks, in catalog order.</param>
/// <param name="SampleRate">Sample rate of the audio to synthesise, in Hz.</param>
public sealed record DemoCatalogPlan(IReadOnlyList<ArtistProfile> Artists, IReadOnlyList<DemoTrack> Tracks, int SampleRate);
