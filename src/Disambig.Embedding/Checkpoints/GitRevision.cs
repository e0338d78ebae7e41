using System.Diagnostics;

namespace Disambig.Embedding.Checkpoints;

/// <summary>The source revision recorded in checkpoints.</summary>
public static class GitRevision
{
    /// <summary>Set by build or container pipelines where no git checkout exists.</summary>
    public const string EnvironmentVariable = "DISAMBIG_GIT_REVISION";

    /// <summary>The environment variable, else <c>git rev-parse HEAD</c> in the current folder, else "unknown".</summary>
    public static string Current()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment.Trim();
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null) return "unknown";
            var output = git.StandardOutput.ReadToEnd().Trim();
            return git.WaitForExit(5000) && git.ExitCode == 0 && output.Length > 0 ? output : "unknown";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "unknown";
        }
    }
}
