namespace Disambig.Audio.Tests;

/// <summary>Reads /proc to find ffmpeg and ffprobe processes started by this test process.</summary>
internal static class ChildProcesses
{
    public static IReadOnlyList<string> FfmpegChildren()
    {
        var self = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue; // the process ended while listing
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open)
                continue;
            var name = stat[(open + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            if (fields.Length > 1 && fields[1] == self && name is "ffmpeg" or "ffprobe")
                found.Add($"{name} pid {Path.GetFileName(dir)} state {fields[0]}");
        }
        return found;
    }

    public static void AssertNoneLeft() => Assert.Empty(FfmpegChildren());
}
