using System.Diagnostics;

namespace Disambig.Audio.Tests;

/// <summary>
/// Real media files made by ffmpeg for the tests, each generated once per test run in a temporary folder that is
/// deleted afterwards.
/// </summary>
public sealed class MediaFiles : IDisposable
{
    private readonly Dictionary<string, string> _made = [];
    private readonly Lock _gate = new();

    public string Folder { get; } = Directory.CreateTempSubdirectory("disambig-audio-tests-").FullName;

    /// <summary>The file <paramref name="name"/>, made on first use by ffmpeg with <paramref name="arguments"/> (output path appended).</summary>
    public string Make(string name, string arguments)
    {
        lock (_gate)
        {
            if (_made.TryGetValue(name, out var existing))
                return existing;
            var path = Path.Combine(Folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            RunFfmpeg($"-v error -y {arguments}", path);
            _made[name] = path;
            return path;
        }
    }

    /// <summary>A path inside the folder that nothing has been written to yet.</summary>
    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>
    /// A folder <paramref name="name"/> holding a stand-in "ffmpeg": a shell script running <paramref name="command"/>
    /// (for tests that read what the started process inherited). Returns the folder.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public string StandInFfmpeg(string name, string command)
    {
        var folder = PathOf(name);
        Directory.CreateDirectory(folder);
        var tool = Path.Combine(folder, "ffmpeg");
        File.WriteAllText(tool, $"#!/bin/sh\nexec {command}\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }

    /// <summary>A stereo sine of <paramref name="hz"/> at about -10 dBFS.</summary>
    public string Sine(string name, double hz, double seconds, int rate = 44100, string codec = "") =>
        Make(name, $"-f lavfi -i sine=f={hz}:r={rate}:d={seconds} -af volume=0.5 -ac 2 {codec}");

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static void RunFfmpeg(string arguments, string output)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add(output);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg {arguments} {output} failed: {error}");
    }
}

/// <summary>Every test that runs ffmpeg belongs here, so that they run one at a time and can count child processes.</summary>
[CollectionDefinition(Name)]
public sealed class FfmpegCollection : ICollectionFixture<MediaFiles>
{
    public const string Name = "ffmpeg";
}
