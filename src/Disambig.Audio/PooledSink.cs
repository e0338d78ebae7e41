using System.Buffers;
using System.Runtime.InteropServices;

namespace Disambig.Audio;

/// <summary>
/// A write-only stream over a buffer rented from <see cref="ArrayPool{T}.Shared"/> and returned on dispose, so that the
/// megabytes of each decode's raw output are reused across tracks instead of allocated (on the large-object heap) anew.
/// </summary>
internal sealed class PooledSink(int initialBytes) : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialBytes, 1 << 16));
    private int _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    /// <summary>The whole 4-byte samples written so far, as little-endian float32 (the machine's own layout here).</summary>
    public float[] ToFloats() => MemoryMarshal.Cast<byte, float>(_buffer.AsSpan(0, _length / sizeof(float) * sizeof(float))).ToArray();

    /// <summary>Forgets what was written; keeps the buffer.</summary>
    public void Clear() => _length = 0;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_length + buffer.Length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(checked(Math.Max(_length + buffer.Length, _buffer.Length * 2)));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }
        base.Dispose(disposing);
    }
}
