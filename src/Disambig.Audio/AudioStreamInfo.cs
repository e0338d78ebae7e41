namespace Disambig.Audio;

/// <summary>What ffprobe says about the first audio stream of a file.</summary>
/// <param name="DurationSeconds">Stream duration (the container's when the stream has none), seconds.</param>
/// <param name="Channels">Channel count; averaged to mono when decoding.</param>
/// <param name="SampleRateHz">Native sample rate; resampled to 22 050 Hz when decoding.</param>
/// <param name="Codec">ffmpeg's codec name, e.g. "mp3", "flac".</param>
public sealed record AudioStreamInfo(double DurationSeconds, int Channels, int SampleRateHz, string Codec);
