namespace Disambig.Catalog.Demo;

/// <summary>Attack-decay-sustain-release envelope of each note, times in seconds, sustain as a fraction of the peak.</summary>
public sealed record AdsrEnvelope(double AttackSeconds, double DecaySeconds, double SustainLevel, double ReleaseSeconds);

/// <summary>A musical scale as semitone offsets from its tonic, within one octave.</summary>
public sealed record MusicalScale(string Name, IReadOnlyList<int> Semitones);

/// <summary>
/// The stable identity of a synthetic artist, the things its audio reveals on every track:
/// timbre (harmonic amplitudes and envelope), register, tempo range, rhythm pattern and scale.
/// </summary>
/// <param name="ArtistId">True artist id (e.g. <c>artist-0007</c>).</param>
/// <param name="CreditedName">The name the catalog credits; shared with other artists inside a homonym group.</param>
/// <param name="Genres">Genre tags, shared by the artists of one genre group.</param>
/// <param name="Harmonics">Relative amplitude of harmonic 1, 2, ... of every note (the timbre's spectrum).</param>
/// <param name="Envelope">Note envelope.</param>
/// <param name="LowestMidiNote">Lowest melody note (MIDI number).</param>
/// <param name="HighestMidiNote">Highest melody note (MIDI number).</param>
/// <param name="MinBpm">Slowest tempo, in beats per minute.</param>
/// <param name="MaxBpm">Fastest tempo, in beats per minute.</param>
/// <param name="RhythmPattern">Note onsets on the 16 sixteenth-note steps of a 4/4 bar; step 0 is always on.</param>
/// <param name="Scale">Scale of the melodies.</param>
/// <param name="TonicPitchClasses">Keys the artist plays in (pitch classes 0 = C ... 11 = B).</param>
/// <param name="Legato">Note length as a fraction of the gap to the next onset, 0.3 to 1.</param>
/// <param name="BassLevel">Level of the bass line relative to the melody, 0 to 1.</param>
/// <param name="PercussionLevel">Level of the noise percussion relative to the melody, 0 to 1.</param>
/// <param name="PercussionCutoffHz">Corner of the high-pass that colours the percussion noise, in Hz.</param>
public sealed record ArtistProfile(
    string ArtistId,
    string CreditedName,
    IReadOnlyList<string> Genres,
    IReadOnlyList<double> Harmonics,
    AdsrEnvelope Envelope,
    int LowestMidiNote,
    int HighestMidiNote,
    double MinBpm,
    double MaxBpm,
    IReadOnlyList<bool> RhythmPattern,
    MusicalScale Scale,
    IReadOnlyList<int> TonicPitchClasses,
    double Legato,
    double BassLevel,
    double PercussionLevel,
    double PercussionCutoffHz);
