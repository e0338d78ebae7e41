using System.Diagnostics;

namespace Disambig.Cli.Tests.Cluster;

/// <summary>What a <c>disambig</c> process printed (standard output and error, in order) and its exit code.</summary>
public sealed record CliRun(int ExitCode, string Output)
{
    /// <summary>The lines starting with "error:".</summary>
    public IReadOnlyList<string> Errors => Output.Split('\n').Where(line => line.StartsWith("error:", StringComparison.Ordinal)).ToList();

    public override string ToString() => $"exit {ExitCode}:\n{Output}";
}

/// <summary>Runs the built <c>disambig</c> command (disambig.dll by <c>dotnet</c>) as a user would, with the given environment.</summary>
public static class CliProcess
{
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "disambig.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("DISAMBIG_CLUSTER_CONNECTION");
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start disambig.");
        var lines = new List<string>();
        void Keep(string? line)
        {
            if (line is null) return;
            lock (lines) lines.Add(line);
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // A bound, not a timed assertion: a command that hangs fails the test instead of stopping the run.
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"disambig {string.Join(' ', arguments)} did not end:\n{string.Join('\n', lines)}");
        }
        process.WaitForExit();
        lock (lines) return new CliRun(process.ExitCode, string.Join('\n', lines));
    }
}
