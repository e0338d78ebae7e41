namespace Disambig.Cli;

/// <summary>The rule for model version names given on the command line: they become a checkpoint folder's name.</summary>
internal static class ModelVersionName
{
    /// <summary>Throws <see cref="ArgumentException"/> unless the name is 1 to 100 letters, digits, '-', '_' or '.', not starting with '.'.</summary>
    public static string Validate(string version, string option) =>
        version.Length is 0 or > 100 || !version.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || version.StartsWith('.')
            ? throw new ArgumentException($"{option} must be 1 to 100 letters, digits, '-', '_' or '.', not starting with '.'; got '{version}'.")
            : version;
}
