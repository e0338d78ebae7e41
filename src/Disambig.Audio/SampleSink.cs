using System.Runtime.InteropServices;

namespace Disambig.Audio;

/// <summary>
/// A write-only stream that stores ffmpeg's little-endian float32 output (the machine's own layout here) straight in
/// the sample array that the decode returns, sized for the samples expected: no intermediate byte buffer, no copy into a
/// new array at the end, and a short result is already zero-padded to the expected length. Grows (one copy) only when
/// ffmpeg writes more than expected.
/// </summary>
internal sealed class SampleSink(int expectedSamples) : Stream
{
    private float[] _samples = new float[Math.Max(expectedSamples, 0)];
    private long _bytes;

    /// <summary>The samples written so far (whole 4-byte samples only).</summary>
    public int Count => (int)(_bytes / sizeof(float));

    /// <summary>
    /// The array written into: <see cref="Count"/> samples, then zeros up to at least the expected length. The sink must
    /// not be written to afterwards.
    /// </summary>
    public float[] Samples => _samples;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _bytes;
    public override long Position { get => _bytes; set => throw new NotSupportedException(); }

    /// <summary>Forgets what was written (for a retried run): the expected part is zeroed again.</summary>
    public void Clear()
    {
        MemoryMarshal.AsBytes(_samples.AsSpan()).Slice(0, (int)Math.Min(_bytes, (long)_samples.Length * sizeof(float))).Clear();
        _bytes = 0;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var needed = _bytes + buffer.Length;
        if (needed > (long)_samples.Length * sizeof(float))
        {
            var larger = new float[checked((int)Math.Max((needed + sizeof(float) - 1) / sizeof(float), _samples.Length * 2L))];
            _samples.CopyTo(larger, 0);
            _samples = larger;
        }
        buffer.CopyTo(MemoryMarshal.AsBytes(_samples.AsSpan())[(int)_bytes..]);
        _bytes = needed;
    }

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
