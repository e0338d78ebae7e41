using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Disambig.Audio;

/// <summary>
/// The stream facts of an MP4/M4A file's first sound track holding AAC-LC, as ffprobe reports them. ffmpeg's mov demuxer
/// takes the track's duration from its media header (mdhd, in the track's time scale) and, when an edit list of one
/// edit plays it (media time 0 or more, rate 1), caps it at that edit's duration rescaled from the movie's time scale
/// (rounded to nearest): checked against ffprobe on files with the edit list shortened, lengthened and absent. Channels
/// and rate come from the AudioSpecificConfig (what ffmpeg reports). Refused (null, ffprobe is asked): fragmented files,
/// several edits or empty edits, QuickTime sound descriptions (version 1 or 2), codecs other than AAC-LC, mono AAC
/// (which may carry parametric stereo that only decoding reveals) and a moov box over 8 MiB.
/// </summary>
internal static class Mp4HeaderProbe
{
    private const int MaxMoovBytes = 8 << 20;
    private static readonly int[] AacRates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    public static AudioStreamInfo? TryRead(SafeFileHandle file, long size)
    {
        if (Moov(file, size) is not { } moov)
            return null;
        var body = moov.AsSpan();
        if (Child(body, "mvex"u8) is not null || Child(body, "mvhd"u8) is not { } mvhd || Timescale(body.Slice(mvhd.Start, mvhd.Length)) is not { } movieScale)
            return null;
        foreach (var trak in Children(body, "trak"u8))
        {
            var track = body.Slice(trak.Start, trak.Length);
            if (Path(track, "mdia"u8) is not { } mdia)
                continue;
            var media = track.Slice(mdia.Start, mdia.Length);
            if (Child(media, "hdlr"u8) is not { } hdlr || hdlr.Length < 12 || !media.Slice(hdlr.Start + 8, 4).SequenceEqual("soun"u8))
                continue;
            // The first sound track is ffprobe's first audio stream: it is read exactly, or not at all.
            return Sound(track, media, movieScale.Scale);
        }
        return null;
    }

    private static AudioStreamInfo? Sound(ReadOnlySpan<byte> track, ReadOnlySpan<byte> media, long movieScale)
    {
        if (Child(media, "mdhd"u8) is not { } mdhd || Timescale(media.Slice(mdhd.Start, mdhd.Length)) is not { } header
            || header.Duration <= 0)
            return null;
        var duration = header.Duration;
        if (Path(track, "edts"u8) is { } edts)
        {
            var edits = track.Slice(edts.Start, edts.Length);
            if (Child(edits, "elst"u8) is not { } elst || EditDuration(edits.Slice(elst.Start, elst.Length)) is not { } edit)
                return null;
            duration = Math.Min(duration, (edit * header.Scale + movieScale / 2) / movieScale);
        }
        if (Path(media, "minf"u8, "stbl"u8, "stsd"u8) is not { } stsd || Aac(media.Slice(stsd.Start, stsd.Length)) is not { } aac)
            return null;
        return HeaderProbe.Stream(duration * (1.0 / header.Scale), aac.Channels, aac.Rate, "aac");
    }

    private readonly record struct Box(int Start, int Length);

    /// <summary>The moov box's body, read whole.</summary>
    private static byte[]? Moov(SafeFileHandle file, long size)
    {
        Span<byte> header = stackalloc byte[16];
        long at = 0;
        while (at + 8 <= size)
        {
            if (HeaderProbe.ReadAt(file, at, header) < 8)
                return null;
            long length = BinaryPrimitives.ReadUInt32BigEndian(header);
            var headerLength = 8;
            if (length == 1)
            {
                length = BinaryPrimitives.ReadInt64BigEndian(header[8..]);
                headerLength = 16;
            }
            else if (length == 0)
                length = size - at;
            if (length < headerLength || at + length > size)
                return null;
            if (header.Slice(4, 4).SequenceEqual("moov"u8))
            {
                if (length - headerLength > MaxMoovBytes)
                    return null;
                var body = new byte[length - headerLength];
                return HeaderProbe.ReadAt(file, at + headerLength, body) == body.Length ? body : null;
            }
            at += length;
        }
        return null;
    }

    private static IEnumerable<Box> Children(ReadOnlySpan<byte> body, ReadOnlySpan<byte> type)
    {
        var found = new List<Box>();
        var at = 0;
        while (at + 8 <= body.Length)
        {
            var length = (long)BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
            var headerLength = 8;
            if (length == 1 && at + 16 <= body.Length)
            {
                length = BinaryPrimitives.ReadInt64BigEndian(body[(at + 8)..]);
                headerLength = 16;
            }
            else if (length == 0)
                length = body.Length - at;
            if (length < headerLength || at + length > body.Length)
                break;
            if (body.Slice(at + 4, 4).SequenceEqual(type))
                found.Add(new Box(at + headerLength, (int)length - headerLength));
            at += (int)length;
        }
        return found;
    }

    private static Box? Child(ReadOnlySpan<byte> body, ReadOnlySpan<byte> type) =>
        Children(body, type) is List<Box> { Count: > 0 } boxes ? boxes[0] : null;

    /// <summary>The box at body / first / second / third, with its offset in <paramref name="body"/>.</summary>
    private static Box? Path(ReadOnlySpan<byte> body, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third)
    {
        if (Child(body, first) is not { } a)
            return null;
        var inA = body.Slice(a.Start, a.Length);
        if (Child(inA, second) is not { } b)
            return null;
        var inB = inA.Slice(b.Start, b.Length);
        return Child(inB, third) is { } c ? new Box(a.Start + b.Start + c.Start, c.Length) : null;
    }

    private static Box? Path(ReadOnlySpan<byte> body, ReadOnlySpan<byte> type) => Child(body, type);

    /// <summary>Time scale and duration of an mvhd or mdhd body (version 0 or 1).</summary>
    private static (long Scale, long Duration)? Timescale(ReadOnlySpan<byte> full)
    {
        if (full.Length < 24)
            return null;
        (long scale, long duration) = full[0] switch
        {
            0 => ((long)BinaryPrimitives.ReadUInt32BigEndian(full[12..]), (long)BinaryPrimitives.ReadUInt32BigEndian(full[16..])),
            1 when full.Length >= 32 => ((long)BinaryPrimitives.ReadUInt32BigEndian(full[20..]), BinaryPrimitives.ReadInt64BigEndian(full[24..])),
            _ => (0L, 0L),
        };
        return scale > 0 ? (scale, duration) : null;
    }

    /// <summary>The duration of an edit list of exactly one edit that plays the media at rate 1, in the movie's time scale.</summary>
    private static long? EditDuration(ReadOnlySpan<byte> full)
    {
        if (full.Length < 8 || BinaryPrimitives.ReadUInt32BigEndian(full[4..]) != 1)
            return null;
        var version = full[0];
        var entry = full[8..];
        if (version == 0 && entry.Length >= 12)
        {
            var mediaTime = BinaryPrimitives.ReadInt32BigEndian(entry[4..]);
            var rate = BinaryPrimitives.ReadInt32BigEndian(entry[8..]);
            return mediaTime >= 0 && rate == 0x10000 ? BinaryPrimitives.ReadUInt32BigEndian(entry) : null;
        }
        if (version == 1 && entry.Length >= 20)
        {
            var mediaTime = BinaryPrimitives.ReadInt64BigEndian(entry[8..]);
            var rate = BinaryPrimitives.ReadInt32BigEndian(entry[16..]);
            var duration = BinaryPrimitives.ReadInt64BigEndian(entry);
            return mediaTime >= 0 && rate == 0x10000 && duration >= 0 ? duration : null;
        }
        return null;
    }

    /// <summary>Channels and rate of the first sample description when it is AAC-LC in an 'mp4a' entry (version 0).</summary>
    private static (int Channels, int Rate)? Aac(ReadOnlySpan<byte> stsd)
    {
        // Full box header (4), entry count (4), then the entry: size (4), 'mp4a' (4), 6 reserved + data reference (8),
        // version (2), revision (2), vendor (4), channels (2), bits (2), compression (2), packet size (2), rate 16.16 (4).
        if (stsd.Length < 44 || BinaryPrimitives.ReadUInt32BigEndian(stsd[4..]) < 1 || !stsd.Slice(12, 4).SequenceEqual("mp4a"u8))
            return null;
        var entryLength = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(stsd[8..]), (uint)(stsd.Length - 8));
        var entry = stsd.Slice(8, entryLength);
        if (entry.Length < 36 || BinaryPrimitives.ReadUInt16BigEndian(entry[16..]) != 0)
            return null;
        if (Child(entry[36..], "esds"u8) is not { } esds)
            return null;
        var config = SpecificConfig(entry.Slice(36 + esds.Start + 4, esds.Length - 4));
        if (config.Length < 2)
            return null;
        var objectType = config[0] >> 3;
        var rateIndex = ((config[0] & 7) << 1) | (config[1] >> 7);
        var channelConfig = (config[1] >> 3) & 0xf;
        // AAC-LC, a listed rate, 2 to 6 channels in the standard layouts (7: 8 channels); 1 (mono) may be parametric stereo.
        if (objectType != 2 || rateIndex >= AacRates.Length || channelConfig is < 2 or > 7)
            return null;
        return (channelConfig == 7 ? 8 : channelConfig, AacRates[rateIndex]);
    }

    /// <summary>The DecoderSpecificInfo (AudioSpecificConfig) inside an ES descriptor, or empty.</summary>
    private static ReadOnlySpan<byte> SpecificConfig(ReadOnlySpan<byte> descriptors)
    {
        var at = 0;
        while (at < descriptors.Length)
        {
            var tag = descriptors[at++];
            var length = 0;
            for (var i = 0; i < 4 && at < descriptors.Length; i++)
            {
                var b = descriptors[at++];
                length = (length << 7) | (b & 0x7f);
                if ((b & 0x80) == 0)
                    break;
            }
            switch (tag)
            {
                case 0x03: // ES descriptor: ES id (2), flags (1) and what the flags add, then its children
                {
                    if (at + 3 > descriptors.Length)
                        return [];
                    var flags = descriptors[at + 2];
                    at += 3;
                    if ((flags & 0x80) != 0)
                        at += 2;
                    if ((flags & 0x40) != 0 && at < descriptors.Length)
                        at += 1 + descriptors[at];
                    if ((flags & 0x20) != 0)
                        at += 2;
                    break;
                }
                case 0x04: // DecoderConfig: object type (1), stream type (1), buffer (3), bitrates (8), then DecoderSpecificInfo
                    if (at >= descriptors.Length || descriptors[at] != 0x40)
                        return [];
                    at += 13;
                    break;
                case 0x05:
                    return at + length <= descriptors.Length ? descriptors.Slice(at, length) : [];
                default:
                    at += length;
                    break;
            }
        }
        return [];
    }
}
