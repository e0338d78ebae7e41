using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace Disambig.Audio;

/// <summary>
/// Reads the stream facts that ffprobe would report (duration, channels, rate, codec) straight from the first bytes of
/// the formats whose headers state the duration exactly, so that no ffprobe process has to start for them
/// (issue 14: a process start costs 60-70 ms of CPU, a fifth of a track):
/// <list type="bullet">
/// <item>MP3 with a Xing/Info tag that counts its frames (LAME and ffmpeg write one): ffmpeg's mp3 demuxer sets the
/// stream duration to frames x samples per frame in its 1/14 112 000 time base;</item>
/// <item>FLAC: the STREAMINFO block's total samples at its sample rate;</item>
/// <item>Ogg Vorbis and Opus, and MP4/M4A AAC-LC: see <see cref="OggHeaderProbe"/> and <see cref="Mp4HeaderProbe"/>.</item>
/// </list>
/// The duration is then printed and truncated exactly as <see cref="AudioProbe"/> does with ffprobe's output, so the
/// segment plan is the same. Anything else, and any header ffmpeg would not take at face value (no frame count, a
/// VBRI tag, a Xing byte count that does not fit the file, a malformed frame), returns null and the caller asks
/// ffprobe. Managed, bounds-checked parsing of at most 2 KiB after the ID3v2 tags.
/// </summary>
internal static class HeaderProbe
{
    private const int Mp3TimeBase = 14_112_000; // ffmpeg's mp3 demuxer: the lcm of all MPEG audio sample rates
    private const int HeadBytes = 2048; // the tag frame and the next header: MPEG-1 layer III frames are at most 1 441 bytes

    private static readonly int[] Mpeg1Layer3Kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Layer3Kbps = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] Mpeg1Rates = [44100, 48000, 32000];

    /// <summary>The stream facts from the file's header, or null when ffprobe must be asked.</summary>
    public static AudioStreamInfo? TryRead(string path)
    {
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var size = RandomAccess.GetLength(file);
            var offset = AfterId3v2Tags(file, size);
            Span<byte> head = stackalloc byte[HeadBytes];
            var read = ReadAt(file, offset, head);
            head = head[..read];
            if (head.Length >= 42 && head[..4].SequenceEqual("fLaC"u8))
                return Flac(head);
            if (offset == 0 && head.Length >= 28 && head[..4].SequenceEqual("OggS"u8))
                return OggHeaderProbe.TryRead(file, size, head);
            if (offset == 0 && head.Length >= 8 && head.Slice(4, 4).SequenceEqual("ftyp"u8))
                return Mp4HeaderProbe.TryRead(file, size);
            return Mp3(head, size - offset);
        }
        catch (IOException)
        {
            return null; // ffprobe will name the problem
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The offset after the ID3v2 tags at the start, skipped the way libavformat does before any demuxer looks.
    /// </summary>
    private static long AfterId3v2Tags(SafeFileHandle file, long size)
    {
        long offset = 0;
        Span<byte> tag = stackalloc byte[10];
        while (ReadAt(file, offset, tag) == 10 && tag[..3].SequenceEqual("ID3"u8) && tag[3] != 0xff && tag[4] != 0xff
               && (tag[6] | tag[7] | tag[8] | tag[9]) < 0x80)
        {
            var length = 10L + ((tag[6] << 21) | (tag[7] << 14) | (tag[8] << 7) | tag[9]) + ((tag[5] & 0x10) != 0 ? 10 : 0);
            offset += length;
            if (offset >= size)
                break;
        }
        return offset;
    }

    internal static int ReadAt(SafeFileHandle file, long offset, Span<byte> buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = RandomAccess.Read(file, buffer[total..], offset + total)) > 0)
            total += read;
        return total;
    }

    private static AudioStreamInfo? Flac(ReadOnlySpan<byte> head)
    {
        // Metadata block header: last-block flag and type (0 = STREAMINFO), then a 24-bit length (34).
        if ((head[4] & 0x7f) != 0 || (head[5] << 16 | head[6] << 8 | head[7]) != 34)
            return null;
        var info = head.Slice(8, 34);
        // Bits from byte 10 of STREAMINFO: sample rate (20), channels - 1 (3), bits per sample - 1 (5), total samples (36).
        var packed = BinaryPrimitives.ReadUInt64BigEndian(info.Slice(10, 8));
        var rate = (int)(packed >> 44);
        var channels = (int)((packed >> 41) & 0x7) + 1;
        var samples = (long)(packed & 0xF_FFFF_FFFFUL);
        if (rate <= 0 || samples <= 0)
            return null;
        return Stream(samples * (1.0 / rate), channels, rate, "flac");
    }

    private static AudioStreamInfo? Mp3(ReadOnlySpan<byte> head, long bytesFromFirstFrame)
    {
        if (head.Length < 4 || Layer3Frame(BinaryPrimitives.ReadUInt32BigEndian(head)) is not { } frame)
            return null;
        var tag = 4 + (frame.Lsf ? (frame.Mono ? 9 : 17) : (frame.Mono ? 17 : 32));
        if (head.Length < tag + 16)
            return null;
        var name = head.Slice(tag, 4);
        if (!name.SequenceEqual("Xing"u8) && !name.SequenceEqual("Info"u8))
            return null;
        var flags = BinaryPrimitives.ReadUInt32BigEndian(head[(tag + 4)..]);
        if ((flags & 1) == 0)
            return null;
        var frames = BinaryPrimitives.ReadUInt32BigEndian(head[(tag + 8)..]);
        if (frames == 0)
            return null;
        if ((flags & 2) != 0)
        {
            // ffmpeg drops the frame count of a "concatenated" file, whose byte count is far below the file's size.
            var stated = (long)BinaryPrimitives.ReadUInt32BigEndian(head[(tag + 12)..]);
            var actual = bytesFromFirstFrame - 4;
            if (stated > 0 && actual > 0 && Math.Abs(actual - stated) > Math.Min(actual, stated) >> 4)
                return null;
        }
        // A VBRI tag (Fraunhofer) would override the Xing count in ffmpeg: leave such files to ffprobe.
        if (head.Length >= 40 && head.Slice(36, 4).SequenceEqual("VBRI"u8))
            return null;
        // The tag frame must be followed by a frame of the same stream, as in any file ffmpeg recognises as mp3.
        if (frame.Size + 4 > head.Length
            || Layer3Frame(BinaryPrimitives.ReadUInt32BigEndian(head[frame.Size..])) is not { } next
            || next.SampleRate != frame.SampleRate || next.Lsf != frame.Lsf)
            return null;

        var samplesPerFrame = frame.Lsf ? 576L : 1152L;
        var ticks = frames * samplesPerFrame * (Mp3TimeBase / frame.SampleRate);
        return Stream(ticks * (1.0 / Mp3TimeBase), frame.Mono ? 1 : 2, frame.SampleRate, "mp3");
    }

    private readonly record struct Frame(bool Lsf, bool Mono, int SampleRate, int Size);

    /// <summary>An MPEG audio layer III frame header (ffmpeg's header check and size), or null.</summary>
    private static Frame? Layer3Frame(uint header)
    {
        if ((header & 0xffe00000) != 0xffe00000)
            return null;
        var version = (int)(header >> 19) & 3; // 0: MPEG 2.5, 1: reserved, 2: MPEG 2, 3: MPEG 1
        var layer = (int)(header >> 17) & 3;   // 1: layer III
        var bitrateIndex = (int)(header >> 12) & 0xf;
        var rateIndex = (int)(header >> 10) & 3;
        if (version == 1 || layer != 1 || bitrateIndex is 0 or 15 || rateIndex == 3)
            return null;
        var lsf = version != 3;
        var rate = Mpeg1Rates[rateIndex] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
        var kbps = (lsf ? Mpeg2Layer3Kbps : Mpeg1Layer3Kbps)[bitrateIndex];
        var padding = (int)(header >> 9) & 1;
        var size = (lsf ? 72_000 : 144_000) * kbps / rate + padding;
        var mono = ((header >> 6) & 3) == 3;
        return new Frame(lsf, mono, rate, size);
    }

    /// <summary>As ffprobe prints the seconds ("%f") and <see cref="AudioProbe"/> reads them back.</summary>
    internal static AudioStreamInfo Stream(double seconds, int channels, int rate, string codec) =>
        new(AudioProbe.Duration(seconds.ToString("F6", CultureInfo.InvariantCulture)).TotalSeconds, channels, rate, codec);
}
