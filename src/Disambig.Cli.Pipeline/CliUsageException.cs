namespace Disambig.Cli;

/// <summary>A command's input that cannot work as given; its message says what to change (printed as one line by <see cref="CliErrors"/>).</summary>
internal sealed class CliUsageException(string message) : Exception(message);
