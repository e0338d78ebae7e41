namespace Disambig.Catalog.Demo;

/// <summary>
/// Adds notes of one timbre to a buffer: a single-cycle wavetable built from the harmonic amplitudes (only the
/// harmonics below 0.45 x the sample rate, so nothing aliases), read with a double-precision phase accumulator
/// and linear interpolation, shaped by an ADSR envelope. Tables are built once per harmonic count and reused.
/// </summary>
internal sealed class NoteRenderer(IReadOnlyList<double> harmonics, AdsrEnvelope envelope, int sampleRate)
{
    private const int TableSize = 2048;
    private readonly float[]?[] _tables = new float[]?[harmonics.Count + 1];

    /// <summary>Adds one note starting at <paramref name="startSeconds"/>, held <paramref name="holdSeconds"/> and then released.</summary>
    public void Render(float[] output, double frequencyHz, double startSeconds, double holdSeconds, double gain)
    {
        var table = Table(Math.Clamp((int)(0.45 * sampleRate / frequencyHz), 1, harmonics.Count));
        var start = (int)(startSeconds * sampleRate);
        var attack = Math.Max(1, envelope.AttackSeconds * sampleRate);
        var decay = Math.Max(1, envelope.DecaySeconds * sampleRate);
        var hold = Math.Max(1, holdSeconds * sampleRate);
        var release = Math.Max(1, envelope.ReleaseSeconds * sampleRate);
        var levelAtRelease = Level(hold, attack, decay);
        var length = Math.Min((int)(hold + release), output.Length - start);
        var increment = frequencyHz * TableSize / sampleRate;
        var phase = 0.0;
        for (var i = 0; i < length; i++)
        {
            var level = i < hold ? Level(i, attack, decay) : levelAtRelease * (1 - (i - hold) / release);
            var index = (int)phase;
            var fraction = phase - index;
            var sample = table[index] + fraction * (table[index + 1] - table[index]);
            output[start + i] += (float)(gain * level * sample);
            phase += increment;
            if (phase >= TableSize)
            {
                phase -= TableSize;
            }
        }
    }

    /// <summary>Attack-decay-sustain level <paramref name="sample"/> samples after the onset, while the note is held.</summary>
    private double Level(double sample, double attack, double decay) =>
        sample < attack ? sample / attack
        : sample < attack + decay ? 1 - (1 - envelope.SustainLevel) * (sample - attack) / decay
        : envelope.SustainLevel;

    /// <summary>The wavetable of the first <paramref name="count"/> harmonics, peak-normalised, with one guard sample for interpolation.</summary>
    private float[] Table(int count)
    {
        if (_tables[count] is { } cached)
        {
            return cached;
        }
        var table = new double[TableSize + 1];
        for (var h = 1; h <= count; h++)
        {
            var amplitude = harmonics[h - 1];
            for (var i = 0; i < TableSize; i++)
            {
                table[i] += amplitude * Math.Sin(2 * Math.PI * h * i / TableSize);
            }
        }
        table[TableSize] = table[0];
        var peak = table.Max(Math.Abs);
        return _tables[count] = [.. table.Select(value => (float)(value / peak))];
    }
}
