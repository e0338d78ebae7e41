namespace Disambig.Catalog.Demo;

/// <summary>
/// Renders a <see cref="DemoTrack"/> to mono float PCM: a melody in the artist's scale, register, rhythm and timbre,
/// a bass line on the bar's chord root, noise percussion on the beats, then the album's production.
/// Deterministic: the output depends only on the track (its seed included) and the sample rate.
/// </summary>
public static class DemoTrackSynthesizer
{
    private const double MelodyGain = 0.5;

    /// <summary>Scale degrees of the bass line's chord roots, drawn bar by bar (I, IV, V, vi and their kin).</summary>
    private static readonly int[] ChordDegrees = [0, 0, 3, 4, 5, 2];

    /// <summary>Steps of the melody's random walk, in scale degrees: mostly stepwise, sometimes a leap.</summary>
    private static readonly int[] MelodySteps = [-3, -2, -1, -1, 0, 1, 1, 2, 3];

    /// <returns>Samples in [-1, 1] at <paramref name="sampleRate"/>, <see cref="SampleCount"/> of them.</returns>
    public static float[] Synthesize(DemoTrack track, int sampleRate)
    {
        var random = new DeterministicRandom(track.SynthesisSeed);
        var artist = track.Artist;
        var output = new float[SampleCount(track, sampleRate)];
        var voice = new NoteRenderer(artist.Harmonics, artist.Envelope, sampleRate);
        var stepSeconds = 60.0 / track.Bpm / 4;
        var barSeconds = 16 * stepSeconds;
        var melodyNotes = ScaleNotes(track.TonicMidiNote, artist.Scale, artist.LowestMidiNote, artist.HighestMidiNote);
        var onsets = Enumerable.Range(0, 16).Where(step => artist.RhythmPattern[step]).ToArray();
        var degree = 0;

        for (var barStart = 0.0; barStart < track.DurationSeconds; barStart += barSeconds)
        {
            var chordRoot = BassNote(track.TonicMidiNote, artist.Scale, random.Pick(ChordDegrees));
            voice.Render(output, MidiToHz(chordRoot), barStart, 8 * stepSeconds * artist.Legato, 0.9 * artist.BassLevel * MelodyGain);
            voice.Render(output, MidiToHz(chordRoot), barStart + 8 * stepSeconds, 8 * stepSeconds * artist.Legato, 0.7 * artist.BassLevel * MelodyGain);

            for (var i = 0; i < onsets.Length; i++)
            {
                var step = onsets[i];
                var gapSteps = (i + 1 < onsets.Length ? onsets[i + 1] : 16) - step;
                degree = Reflect(degree + random.Pick(MelodySteps), melodyNotes.Length - 1);
                var accent = step == 0 ? 1.0 : step % 4 == 0 ? 0.85 : 0.65 + 0.1 * random.NextDouble();
                voice.Render(output, MidiToHz(melodyNotes[degree]), barStart + step * stepSeconds, gapSteps * stepSeconds * artist.Legato, accent * MelodyGain);
            }

            if (artist.PercussionLevel > 0)
            {
                for (var step = 0; step < 16; step += 2)
                {
                    if (step % 4 == 0 || artist.RhythmPattern[step])
                    {
                        var level = (step % 4 == 0 ? 0.5 : 0.3) * artist.PercussionLevel;
                        AddNoiseHit(output, barStart + step * stepSeconds, level, artist.PercussionCutoffHz, sampleRate, random);
                    }
                }
            }
        }

        AlbumProductionChain.Apply(output, track.Album, sampleRate, random);
        return output;
    }

    /// <summary>Length of the track's audio in samples: <c>round(duration x rate)</c>.</summary>
    public static int SampleCount(DemoTrack track, int sampleRate) => (int)Math.Round(track.DurationSeconds * sampleRate);

    private static double MidiToHz(int midiNote) => 440.0 * Math.Pow(2, (midiNote - 69) / 12.0);

    /// <summary>The notes of the scale on <paramref name="tonic"/> between <paramref name="lowest"/> and <paramref name="highest"/>, ascending.</summary>
    private static int[] ScaleNotes(int tonic, MusicalScale scale, int lowest, int highest)
    {
        var notes = new List<int>();
        for (var octave = tonic - 12; octave <= highest; octave += 12)
        {
            notes.AddRange(scale.Semitones.Select(semitone => octave + semitone).Where(note => note >= lowest && note <= highest));
        }
        return [.. notes];
    }

    /// <summary>The chord root of <paramref name="degree"/>, one or two octaves under the tonic but not below E1 (41 Hz).</summary>
    private static int BassNote(int tonic, MusicalScale scale, int degree)
    {
        var note = tonic - 12 + scale.Semitones[degree % scale.Semitones.Count];
        return note - 12 >= 28 ? note - 12 : note;
    }

    /// <summary>Folds an index that walked past either end back inside [0, max].</summary>
    private static int Reflect(int index, int max)
    {
        if (max == 0)
        {
            return 0;
        }
        var period = 2 * max;
        var folded = ((index % period) + period) % period;
        return folded <= max ? folded : period - folded;
    }

    /// <summary>A burst of high-passed white noise with an exponential decay (a hi-hat or shaker of sorts).</summary>
    private static void AddNoiseHit(float[] output, double startSeconds, double level, double cutoffHz, int sampleRate, DeterministicRandom random)
    {
        var start = (int)(startSeconds * sampleRate);
        var length = Math.Min((int)(0.12 * sampleRate), output.Length - start);
        var decay = Math.Exp(-1.0 / (random.Uniform(0.02, 0.05) * sampleRate));
        var smoothing = 1 - Math.Exp(-2 * Math.PI * cutoffHz / sampleRate);
        var lowPassed = 0.0;
        var envelope = level;
        for (var i = 0; i < length; i++)
        {
            var noise = 2 * random.NextDouble() - 1;
            lowPassed += smoothing * (noise - lowPassed);
            output[start + i] += (float)(envelope * (noise - lowPassed));
            envelope *= decay;
        }
    }
}
