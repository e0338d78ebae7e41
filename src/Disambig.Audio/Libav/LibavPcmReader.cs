using System.Diagnostics;
using System.Runtime.InteropServices;
using static Disambig.Audio.Libav.LibavApi;

namespace Disambig.Audio.Libav;

/// <summary>
/// Decodes what <see cref="FfmpegPcmReader"/> decodes (the ranges of a <see cref="FfmpegPcmReader.DecodeRequest"/>, each
/// cut to its length and appended, or the whole first audio stream) with FFmpeg's libraries in this process
/// (<see cref="AudioDecodeEngine.Libav"/>): the file opened once and each range reached by a seek, the channels averaged
/// and the audio resampled to 22 050 Hz with soxr by one resampler per range, as ffmpeg's pan and aresample filters do,
/// but with no process start, filter graph or output file per track. A range starts at the first sample at or after
/// its start; one that runs past the end comes back short. Decoding errors inside the stream are skipped as ffmpeg
/// skips them; a file that cannot be opened or has no audio stream is an <see cref="AudioDecodeException"/>. Blocking:
/// callers run it on a thread of their own. Cancellation and <see cref="AudioOptions.DecodeTimeout"/> are checked
/// between packets.
/// </summary>
internal static unsafe class LibavPcmReader
{
    // Each seek aims this far before its range (the samples before the range are then dropped): a seek can land a few
    // milliseconds after its target (an Ogg page), and Opus needs 80 ms of pre-roll to converge.
    private const double SeekMarginSeconds = 0.2;

    /// <summary>The request's samples; see the class summary.</summary>
    /// <exception cref="AudioDecodeException">The file could not be opened or decoded, has no audio stream, or took longer than the decode timeout.</exception>
    /// <exception cref="InvalidOperationException">FFmpeg's libraries are missing or of other versions (<see cref="LibavApi.Availability"/>).</exception>
    public static FfmpegPcmReader.Pcm Read(FfmpegPcmReader.DecodeRequest request, AudioOptions options, CancellationToken cancellationToken)
    {
        if (LibavApi.Availability is { } unavailable)
            throw new InvalidOperationException(unavailable);
        var deadline = Stopwatch.GetTimestamp() + (long)(options.DecodeTimeout.TotalSeconds * Stopwatch.Frequency);
        using var input = LibavInput.Open(request.Path);
        var output = new Output((int)Math.Clamp(request.ExpectedSamples, 0, 1L << 28));
        if (request.Ranges is null)
        {
            input.Decode(0, long.MaxValue, output, request.Path, deadline, options, cancellationToken);
        }
        else
        {
            foreach (var range in request.Ranges)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = range.Start / (double)MelSpectrogram.SampleRate;
                input.Seek(Math.Max(0, start - SeekMarginSeconds));
                input.Decode(start, range.Length, output, request.Path, deadline, options, cancellationToken);
            }
        }
        return new FfmpegPcmReader.Pcm(output.Samples, output.Count);
    }

    /// <summary>Samples written so far into an array that grows (by doubling) when more come than expected.</summary>
    private sealed class Output(int expected)
    {
        public float[] Samples { get; private set; } = new float[Math.Max(expected, 1)];

        public int Count { get; set; }

        public void EnsureRoom(int more)
        {
            if (Count + more <= Samples.Length)
                return;
            var larger = new float[Math.Max(Count + more, Samples.Length * 2)];
            Samples.AsSpan(0, Count).CopyTo(larger);
            Samples = larger;
        }
    }

    /// <summary>One opened file: its first audio stream's demuxer and decoder, a packet and a frame.</summary>
    private sealed class LibavInput : IDisposable
    {
        private nint _format;
        private nint _codec;
        private nint _packet;
        private nint _frame;
        private readonly int _stream;
        private readonly nint _parameters;
        private readonly (int Numerator, int Denominator) _timeBaseFraction;
        private readonly double _timeBase;
        // Where the track's time 0 is in the stream's timestamps (an mp3's encoder delay), as ffmpeg counts -ss from it.
        private readonly double _startSeconds;
        private bool _ended;

        private LibavInput(nint format, int stream)
        {
            _format = format;
            _stream = stream;
            var streamPointer = Read<nint>(Read<nint>(format, FormatStreams), stream * sizeof(nint));
            _parameters = Read<nint>(streamPointer, StreamParameters);
            _timeBaseFraction = (Read<int>(streamPointer, StreamTimeBase), Read<int>(streamPointer, StreamTimeBase + 4));
            _timeBase = _timeBaseFraction.Numerator / (double)_timeBaseFraction.Denominator;
            var start = Read<long>(format, FormatStartTime);
            _startSeconds = start == NoPts ? 0 : start / 1e6;
        }

        public static LibavInput Open(string path)
        {
            nint format = 0;
            var opened = avformat_open_input(ref format, path, 0, 0);
            if (opened < 0)
                throw new AudioDecodeException(path, AudioErrorReason.Corrupt, Describe(opened));
            try
            {
                var info = avformat_find_stream_info(format, 0);
                if (info < 0)
                    throw new AudioDecodeException(path, AudioErrorReason.Corrupt, Describe(info));
                var stream = av_find_best_stream(format, MediaTypeAudio, -1, -1, out var decoder, 0);
                if (stream < 0 || decoder == 0)
                    throw new AudioDecodeException(path, AudioErrorReason.NoAudioStream, stream < 0 ? Describe(stream) : "no decoder for its audio stream");
                var input = new LibavInput(format, stream);
                format = 0; // owned by input from here
                input.OpenDecoder(path, decoder);
                return input;
            }
            finally
            {
                if (format != 0)
                    avformat_close_input(ref format);
            }
        }

        private void OpenDecoder(string path, nint decoder)
        {
            try
            {
                _codec = avcodec_alloc_context3(decoder);
                var copied = avcodec_parameters_to_context(_codec, _parameters);
                // One decoding thread, as ffmpeg is run (-threads 1): the callers already keep every core busy.
                av_opt_set_int(_codec, "threads", 1, 0);
                // The packets' time base, as ffmpeg sets it: the decoder then moves a frame's timestamp past the samples it
                // skips (encoder delay, Opus pre-skip), so that the samples dropped before a range are counted right.
                av_opt_set(_codec, "pkt_timebase", $"{_timeBaseFraction.Numerator}/{_timeBaseFraction.Denominator}", 0);
                var opened = copied < 0 ? copied : avcodec_open2(_codec, decoder, 0);
                if (opened < 0)
                    throw new AudioDecodeException(path, AudioErrorReason.Corrupt, Describe(opened));
                _packet = av_packet_alloc();
                _frame = av_frame_alloc();
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        /// <summary>Moves to the last seek point at or before <paramref name="seconds"/> of the track.</summary>
        public void Seek(double seconds)
        {
            // As ffmpeg's -ss does: no stream given, so the time is in microseconds and the demuxer picks its way.
            var timestamp = (long)Math.Floor((seconds + _startSeconds) * 1_000_000);
            if (avformat_seek_file(_format, -1, long.MinValue, timestamp, timestamp, 0) >= 0)
            {
                avcodec_flush_buffers(_codec);
                _ended = false;
            }
        }

        /// <summary>
        /// Appends to <paramref name="output"/> up to <paramref name="length"/> samples at 22 050 Hz of the audio from
        /// <paramref name="startSeconds"/> on (all of it with <see cref="long.MaxValue"/>), the decoder's frames before that
        /// time dropped; stops at the end of the stream.
        /// </summary>
        public void Decode(double startSeconds, long length, Output output, string path, long deadline, AudioOptions options, CancellationToken cancellationToken)
        {
            using var resampler = new MonoResampler();
            long written = 0;
            var packets = 0;
            while (written < length)
            {
                var received = avcodec_receive_frame(_codec, _frame);
                if (received == ErrorEof || (received < 0 && _ended))
                    break;
                if (received < 0) // EAGAIN, or a frame the decoder could not make: more packets
                {
                    if (++packets % 64 == 0)
                        ThrowIfLate(path, deadline, options, cancellationToken);
                    Feed();
                    continue;
                }
                written += Append(startSeconds, length - written, resampler, output);
            }
            if (written < length)
                written += resampler.Drain(output, length - written);
        }

        private void Feed()
        {
            while (true)
            {
                var read = av_read_frame(_format, _packet);
                if (read < 0)
                {
                    _ended = true;
                    avcodec_send_packet(_codec, 0); // drain the decoder: its last frames, then EOF
                    return;
                }
                var mine = Read<int>(_packet, PacketStreamIndex) == _stream;
                if (mine)
                    avcodec_send_packet(_codec, _packet); // a damaged packet is skipped, as ffmpeg skips it
                av_packet_unref(_packet);
                if (mine)
                    return;
            }
        }

        private int Append(double startSeconds, long room, MonoResampler resampler, Output output)
        {
            var count = Read<int>(_frame, FrameSampleCount);
            var format = Read<int>(_frame, FrameFormat);
            var rate = Read<int>(_frame, FrameSampleRate);
            var layout = _frame + FrameChannelLayout;
            var channels = Read<int>(layout, 4);
            var timestamp = Read<long>(_frame, FrameBestEffortTimestamp);
            var drop = 0;
            if (timestamp != NoPts)
                drop = (int)Math.Clamp(Math.Round((startSeconds + _startSeconds - timestamp * _timeBase) * rate), 0, count);
            if (drop == count || count == 0)
                return 0;
            resampler.EnsureFor(layout, channels, format, rate);
            var planes = Read<nint>(_frame, FrameExtendedData);
            var bytes = av_get_bytes_per_sample(format);
            var planar = av_sample_fmt_is_planar(format) != 0;
            var inputs = stackalloc nint[Math.Max(channels, 1)];
            for (var c = 0; c < (planar ? channels : 1); c++)
                inputs[c] = Read<nint>(planes, c * sizeof(nint)) + drop * bytes * (planar ? 1 : channels);
            return resampler.Convert(inputs, count - drop, output, room);
        }

        private static void ThrowIfLate(string path, long deadline, AudioOptions options, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Stopwatch.GetTimestamp() > deadline)
                throw new AudioDecodeException(path, AudioErrorReason.Timeout, $"decoding took longer than {options.DecodeTimeout.TotalSeconds:0.###} s");
        }

        public void Dispose()
        {
            if (_frame != 0)
                av_frame_free(ref _frame);
            if (_packet != 0)
                av_packet_free(ref _packet);
            if (_codec != 0)
                avcodec_free_context(ref _codec);
            if (_format != 0)
                avformat_close_input(ref _format);
        }
    }

    /// <summary>
    /// One swresample context: the channels averaged (each weighed 1/channels, as pan's c0 &lt; c0+c1+... does), then
    /// soxr to 22 050 Hz float mono; set up at the first frame.
    /// </summary>
    private sealed class MonoResampler : IDisposable
    {
        private readonly nint _mono = (nint)NativeMemory.AllocZeroed(ChannelLayoutSize);
        private nint _context;

        public MonoResampler() => av_channel_layout_default(_mono, 1);

        public void EnsureFor(nint layout, int channels, int format, int rate)
        {
            if (_context != 0)
                return;
            if (swr_alloc_set_opts2(ref _context, _mono, SampleFormatFloat, MelSpectrogram.SampleRate, layout, format, rate, 0, 0) < 0)
                throw new InvalidOperationException("swresample refused the stream's layout");
            av_opt_set_int(_context, "resampler", SwrEngineSoxr, 0);
            var matrix = stackalloc double[Math.Max(channels, 1)];
            for (var c = 0; c < channels; c++)
                matrix[c] = 1.0 / channels;
            swr_set_matrix(_context, matrix, channels);
            if (swr_init(_context) < 0)
                throw new InvalidOperationException("swresample could not be set up for the stream");
        }

        public int Convert(nint* inputs, int count, Output output, long room)
        {
            output.EnsureRoom(swr_get_out_samples(_context, count));
            fixed (float* samples = output.Samples)
            {
                var target = (nint)(samples + output.Count);
                var made = swr_convert(_context, &target, (int)Math.Min(room, output.Samples.Length - output.Count), inputs, count);
                if (made > 0)
                    output.Count += made;
                return Math.Max(made, 0);
            }
        }

        /// <summary>The resampler's last samples (its delay) at the end of the stream.</summary>
        public int Drain(Output output, long room)
        {
            if (_context == 0)
                return 0;
            return Convert(null, 0, output, room);
        }

        public void Dispose()
        {
            if (_context != 0)
                swr_free(ref _context);
            NativeMemory.Free((void*)_mono);
        }
    }
}
