using System.Runtime.InteropServices;

namespace Disambig.Audio.Libav;

/// <summary>
/// The few functions of FFmpeg's libraries (the ones Debian's ffmpeg itself runs on: libavformat 59, libavcodec 59,
/// libavutil 57, libswresample 4, FFmpeg 5.1) that <see cref="LibavPcmReader"/> calls, and the struct fields it reads.
/// Those fields are read at fixed offsets, which hold only for these major versions: <see cref="Availability"/> checks
/// the versions before anything else is called.
/// </summary>
internal static unsafe partial class LibavApi
{
    private const string Format = "libavformat.so.59";
    private const string Codec = "libavcodec.so.59";
    private const string Util = "libavutil.so.57";
    private const string Resample = "libswresample.so.4";

    public const int MediaTypeAudio = 1;
    public const int SampleFormatFloat = 3; // AV_SAMPLE_FMT_FLT
    public const int SwrEngineSoxr = 1;
    public const long NoPts = long.MinValue; // AV_NOPTS_VALUE
    public const int ErrorEof = -('E' | ('O' << 8) | ('F' << 16) | (' ' << 24)); // AVERROR_EOF
    private const int LogQuiet = -8;

    // Offsets of FFmpeg 5.1's public structs (x86-64 and arm64 alike), from offsetof against Debian 12's headers.
    public const int FormatStreams = 48; // AVFormatContext.streams
    public const int FormatStartTime = 64; // AVFormatContext.start_time (microseconds)
    public const int StreamTimeBase = 16; // AVStream.time_base
    public const int StreamParameters = 208; // AVStream.codecpar
    public const int PacketStreamIndex = 36; // AVPacket.stream_index
    public const int FrameExtendedData = 96; // AVFrame.extended_data
    public const int FrameSampleCount = 112; // AVFrame.nb_samples
    public const int FrameFormat = 116; // AVFrame.format
    public const int FrameSampleRate = 208; // AVFrame.sample_rate
    public const int FrameBestEffortTimestamp = 344; // AVFrame.best_effort_timestamp
    public const int FrameChannelLayout = 448; // AVFrame.ch_layout (AVChannelLayout: order, nb_channels, ...)
    public const int ChannelLayoutSize = 24;

    private static readonly Lazy<string?> Unavailable = new(Check);

    /// <summary>Null when the libraries load and are the versions whose struct offsets this class uses; else why not.</summary>
    public static string? Availability => Unavailable.Value;

    private static string? Check()
    {
        try
        {
            var versions = (Format: avformat_version() >> 16, Codec: avcodec_version() >> 16, Util: avutil_version() >> 16, Resample: swresample_version() >> 16);
            if (versions != (59, 59, 57, 4))
                return $"FFmpeg's libraries are libavformat {versions.Format}, libavcodec {versions.Codec}, libavutil {versions.Util}, libswresample {versions.Resample}; the in-process decoder needs 59, 59, 57 and 4 (FFmpeg 5.1, Debian 12)";
            av_log_set_level(LogQuiet); // their warnings would go to the silo's stderr; errors come back as codes
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"FFmpeg's libraries could not be loaded ({e.Message}); install Debian's ffmpeg";
        }
    }

    /// <summary>FFmpeg's text for an error code.</summary>
    public static string Describe(int error)
    {
        var buffer = stackalloc byte[256];
        return av_strerror(error, buffer, 256) == 0
            ? Marshal.PtrToStringUTF8((nint)buffer) ?? $"error {error}"
            : $"error {error}";
    }

    public static T Read<T>(nint structure, int offset) where T : unmanaged => *(T*)(structure + offset);

    [LibraryImport(Format)] private static partial uint avformat_version();
    [LibraryImport(Codec)] private static partial uint avcodec_version();
    [LibraryImport(Util)] private static partial uint avutil_version();
    [LibraryImport(Resample)] private static partial uint swresample_version();
    [LibraryImport(Util)] private static partial void av_log_set_level(int level);
    [LibraryImport(Util)] private static partial int av_strerror(int error, byte* buffer, nuint size);

    [LibraryImport(Format, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int avformat_open_input(ref nint context, string url, nint format, nint options);
    [LibraryImport(Format)] public static partial int avformat_find_stream_info(nint context, nint options);
    [LibraryImport(Format)] public static partial int av_find_best_stream(nint context, int type, int wanted, int related, out nint decoder, int flags);
    [LibraryImport(Format)] public static partial int avformat_seek_file(nint context, int stream, long minTimestamp, long timestamp, long maxTimestamp, int flags);
    [LibraryImport(Format)] public static partial int av_read_frame(nint context, nint packet);
    [LibraryImport(Format)] public static partial void avformat_close_input(ref nint context);

    [LibraryImport(Codec)] public static partial nint avcodec_alloc_context3(nint codec);
    [LibraryImport(Codec)] public static partial int avcodec_parameters_to_context(nint context, nint parameters);
    [LibraryImport(Codec)] public static partial int avcodec_open2(nint context, nint codec, nint options);
    [LibraryImport(Codec)] public static partial void avcodec_free_context(ref nint context);
    [LibraryImport(Codec)] public static partial int avcodec_send_packet(nint context, nint packet);
    [LibraryImport(Codec)] public static partial int avcodec_receive_frame(nint context, nint frame);
    [LibraryImport(Codec)] public static partial void avcodec_flush_buffers(nint context);
    [LibraryImport(Codec)] public static partial nint av_packet_alloc();
    [LibraryImport(Codec)] public static partial void av_packet_free(ref nint packet);
    [LibraryImport(Codec)] public static partial void av_packet_unref(nint packet);

    [LibraryImport(Util)] public static partial nint av_frame_alloc();
    [LibraryImport(Util)] public static partial void av_frame_free(ref nint frame);
    [LibraryImport(Util, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_opt_set_int(nint target, string name, long value, int flags);
    [LibraryImport(Util, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int av_opt_set(nint target, string name, string value, int flags);
    [LibraryImport(Util)] public static partial int av_get_bytes_per_sample(int format);
    [LibraryImport(Util)] public static partial int av_sample_fmt_is_planar(int format);
    [LibraryImport(Util)] public static partial void av_channel_layout_default(nint layout, int channels);

    [LibraryImport(Resample)]
    public static partial int swr_alloc_set_opts2(ref nint context, nint outLayout, int outFormat, int outRate, nint inLayout, int inFormat, int inRate, int logOffset, nint logContext);
    [LibraryImport(Resample)] public static partial int swr_set_matrix(nint context, double* matrix, int stride);
    [LibraryImport(Resample)] public static partial int swr_init(nint context);
    [LibraryImport(Resample)] public static partial int swr_get_out_samples(nint context, int inputCount);
    [LibraryImport(Resample)] public static partial int swr_convert(nint context, nint* output, int outputCount, nint* input, int inputCount);
    [LibraryImport(Resample)] public static partial void swr_free(ref nint context);
}
