namespace Disambig.Catalog.Demo;

/// <summary>Audio file formats the demo catalog writes, each encoded by ffmpeg.</summary>
public enum DemoAudioFormat
{
    /// <summary>RIFF WAVE, 16-bit PCM.</summary>
    Wav,

    /// <summary>FLAC, lossless.</summary>
    Flac,

    /// <summary>MP3 (LAME), 128 kbit/s.</summary>
    Mp3,

    /// <summary>Ogg Vorbis, quality 4.</summary>
    OggVorbis,

    /// <summary>Opus in Ogg, 64 kbit/s (Opus resamples to 48 kHz).</summary>
    Opus,

    /// <summary>AAC in an MPEG-4 (.m4a) container, 96 kbit/s.</summary>
    M4aAac,
}

internal static class DemoAudioFormats
{
    public static IReadOnlyList<DemoAudioFormat> All { get; } = Enum.GetValues<DemoAudioFormat>();

    public static string Extension(this DemoAudioFormat format) => format switch
    {
        DemoAudioFormat.Wav => "wav",
        DemoAudioFormat.Flac => "flac",
        DemoAudioFormat.Mp3 => "mp3",
        DemoAudioFormat.OggVorbis => "ogg",
        DemoAudioFormat.Opus => "opus",
        DemoAudioFormat.M4aAac => "m4a",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>ffmpeg output options (codec and quality) for the format.</summary>
    public static string[] EncoderArguments(this DemoAudioFormat format) => format switch
    {
        DemoAudioFormat.Wav => ["-c:a", "pcm_s16le"],
        DemoAudioFormat.Flac => ["-c:a", "flac"],
        DemoAudioFormat.Mp3 => ["-c:a", "libmp3lame", "-b:a", "128k"],
        DemoAudioFormat.OggVorbis => ["-c:a", "libvorbis", "-q:a", "4"],
        DemoAudioFormat.Opus => ["-c:a", "libopus", "-b:a", "64k"],
        DemoAudioFormat.M4aAac => ["-c:a", "aac", "-aac_coder", "fast", "-b:a", "96k"],
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
