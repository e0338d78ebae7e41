using System.CommandLine;
using Disambig.Cli;

// Whatever escapes a command (a wrong connection string, storage or cluster down) is one line naming the problem,
// secrets masked, and a non-zero exit: never a stack trace.
try
{
    return await DisambigCommandLine.Create().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("Interrupted.");
    return 130;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync(CliErrors.Describe(e));
    return CliErrors.Failure;
}
