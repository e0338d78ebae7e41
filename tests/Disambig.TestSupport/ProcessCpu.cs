using System.Globalization;

namespace Disambig.TestSupport;

/// <summary>CPU time a process has used so far, read from <c>/proc/PID/stat</c> (Linux), for the benchmarks' CPU figures.</summary>
public static class ProcessCpu
{
    /// <summary>Clock ticks per second of <c>utime</c> and <c>stime</c> (USER_HZ: 100 on every Linux architecture .NET runs on).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU time of process <paramref name="pid"/> (its threads, not its children); null once it is gone.</summary>
    public static TimeSpan? Of(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        return Parse(stat);
    }

    /// <summary>
    /// User plus system time of one <c>/proc/PID/stat</c> line: fields 14 and 15, counted after the command name, which
    /// is in parentheses and may itself hold spaces and parentheses (hence after the last ')').
    /// </summary>
    /// <exception cref="FormatException">The line is not a stat line.</exception>
    public static TimeSpan Parse(string stat)
    {
        var end = stat.LastIndexOf(')');
        var fields = end < 0 ? [] : stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the name: state (field 3) is fields[0], so utime (14) and stime (15) are fields[11] and fields[12].
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system))
            throw new FormatException($"Not a /proc/PID/stat line: '{stat}'.");
        return TimeSpan.FromSeconds((user + system) / TicksPerSecond);
    }
}
