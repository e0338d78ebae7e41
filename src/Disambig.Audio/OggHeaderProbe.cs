using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Disambig.Audio;

/// <summary>
/// The stream facts of an Ogg file holding one Vorbis or one Opus stream, as ffprobe reports them: the duration is the
/// granule position of the stream's last page (the samples to its end, in 1/rate for Vorbis, in 1/48 000 for Opus,
/// pre-skip included, as ffmpeg's ogg demuxer gives it when the stream starts at 0), channels and rate from the
/// identification header (Opus: always 48 000 Hz, the decoder's rate). Refused (null, so ffprobe is asked): other codecs,
/// several streams or chained files (a page of another serial number), a last page that does not end the file, Opus
/// whose first audio page's granule is not exactly the duration of its packets (a stream that does not start at 0), and
/// Vorbis whose first audio page counts more samples than its packets can hold (a stream starting far from 0).
/// </summary>
internal static class OggHeaderProbe
{
    private const int TailBytes = 65_536 + 282; // the last page is at most 65 307 bytes
    private const int OpusRate = 48_000;

    public static AudioStreamInfo? TryRead(SafeFileHandle file, long size, ReadOnlySpan<byte> head)
    {
        if (Page(head) is not { } first || (first.Flags & 0x02) == 0 || first.Segments < 1)
            return null;
        var packet = head[first.BodyStart..Math.Min(head.Length, first.BodyStart + first.Lacing[0])];
        var serial = first.Serial;
        if (Last(file, size) is not { } last || last.Serial != serial || last.Granule <= 0)
            return null;
        if (packet.Length >= 30 && packet[..7].SequenceEqual("\u0001vorbis"u8) && BinaryPrimitives.ReadUInt32LittleEndian(packet[7..]) == 0)
        {
            var channels = (int)packet[11];
            var rate = BinaryPrimitives.ReadInt32LittleEndian(packet[12..]);
            var longBlock = 1 << (packet[28] >> 4);
            if (channels == 0 || rate <= 0 || !SecondPageContinues(head, first) || !VorbisStartsNearZero(file, size, first, serial, longBlock))
                return null;
            return HeaderProbe.Stream(last.Granule * (1.0 / rate), channels, rate, "vorbis");
        }
        if (packet.Length >= 19 && packet[..8].SequenceEqual("OpusHead"u8) && packet[8] is >= 1 and < 16 && packet[18] == 0)
        {
            var channels = (int)packet[9];
            if (channels is 0 or > 2 || !OpusStartsAtZero(file, size, first, serial))
                return null;
            return HeaderProbe.Stream(last.Granule * (1.0 / OpusRate), channels, OpusRate, "opus");
        }
        return null;
    }

    private sealed record OggPage(byte Flags, long Granule, uint Serial, int Segments, byte[] Lacing, int BodyStart, int BodyLength)
    {
        public int Size => BodyStart + BodyLength;
    }

    /// <summary>The page at the start of <paramref name="bytes"/>, if its header (and lacing table) is there.</summary>
    private static OggPage? Page(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 27 || !bytes[..4].SequenceEqual("OggS"u8) || bytes[4] != 0)
            return null;
        var segments = bytes[26];
        if (bytes.Length < 27 + segments)
            return null;
        var lacing = bytes.Slice(27, segments).ToArray();
        return new OggPage(bytes[5], BinaryPrimitives.ReadInt64LittleEndian(bytes[6..]), BinaryPrimitives.ReadUInt32LittleEndian(bytes[14..]),
            segments, lacing, 27 + segments, lacing.Sum(b => b));
    }

    /// <summary>The second page belongs to the same stream (a second stream would open with its own first page there).</summary>
    private static bool SecondPageContinues(ReadOnlySpan<byte> head, OggPage first) =>
        first.Size < head.Length && Page(head[first.Size..]) is { } second && second.Serial == first.Serial && (second.Flags & 0x02) == 0;

    /// <summary>The last page of the file, which must end exactly at the end of the file.</summary>
    private static OggPage? Last(SafeFileHandle file, long size)
    {
        var length = (int)Math.Min(size, TailBytes);
        var tail = new byte[length];
        if (HeaderProbe.ReadAt(file, size - length, tail) != length)
            return null;
        for (var at = length - 27; at >= 0; at--)
        {
            if (tail[at] != (byte)'O' || Page(tail.AsSpan(at)) is not { } page)
                continue;
            return at + page.Size == length && (page.Flags & 0x04) != 0 ? page : null;
        }
        return null;
    }

    /// <summary>
    /// Opus: the first audio page (the first with a granule above 0) must carry a granule equal to the summed durations of
    /// the packets that end on it, so the stream starts at 0 and ffmpeg's duration is the last granule.
    /// </summary>
    private static bool OpusStartsAtZero(SafeFileHandle file, long size, OggPage first, uint serial)
    {
        if (FirstAudioPage(file, size, first, serial) is not { } found || (found.Header.Flags & 0x01) != 0)
            return false;
        var (header, at) = found;
        var body = new byte[header.BodyLength];
        if (HeaderProbe.ReadAt(file, at + header.BodyStart, body) != body.Length)
            return false;
        long samples = 0;
        var start = 0;
        var length = 0;
        foreach (var lace in header.Lacing)
        {
            length += lace;
            if (lace == 255)
                continue;
            if (length == 0 || PacketSamples(body.AsSpan(start, length)) is not { } n)
                return false;
            samples += n;
            start += length;
            length = 0;
        }
        return length == 0 && header.Granule == samples;
    }

    /// <summary>
    /// Vorbis: the first audio page must not count more samples than its packets can hold (half a long block each), so
    /// the stream does not start far from 0, as a capture from a broadcast would. Exactness would need the setup
    /// header's modes; a start offset under one page goes unnoticed.
    /// </summary>
    private static bool VorbisStartsNearZero(SafeFileHandle file, long size, OggPage first, uint serial, int longBlock) =>
        FirstAudioPage(file, size, first, serial) is { } found
        && found.Header.Granule <= found.Header.Lacing.Count(lace => lace < 255) * (long)(longBlock / 2);

    /// <summary>The first page after the headers with a granule above 0, and its offset; null past 32 pages or on another stream.</summary>
    private static (OggPage Header, long At)? FirstAudioPage(SafeFileHandle file, long size, OggPage first, uint serial)
    {
        Span<byte> buffer = stackalloc byte[27 + 255];
        long at = first.Size;
        for (var page = 1; page < 32 && at < size; page++)
        {
            var read = HeaderProbe.ReadAt(file, at, buffer);
            if (Page(buffer[..read]) is not { } header || header.Serial != serial || (header.Flags & 0x02) != 0)
                return null;
            if (header.Granule > 0)
                return (header, at);
            at += header.Size;
        }
        return null;
    }

    /// <summary>Samples at 48 kHz of one Opus packet, from its TOC byte (RFC 6716, 3.1).</summary>
    private static int? PacketSamples(ReadOnlySpan<byte> packet)
    {
        var toc = packet[0];
        var config = toc >> 3;
        var frame = config < 12 ? new[] { 480, 960, 1920, 2880 }[config & 3]
            : config < 16 ? new[] { 480, 960 }[config & 1]
            : new[] { 120, 240, 480, 960 }[config & 3];
        var frames = (toc & 3) switch
        {
            0 => 1,
            1 or 2 => 2,
            _ => packet.Length >= 2 ? packet[1] & 0x3f : 0,
        };
        return frames == 0 ? null : frames * frame;
    }
}
