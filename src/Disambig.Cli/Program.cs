using Disambig.Cli;

// One line per failure, never a stack trace (DisambigCommandLine.RunAsync, CliErrors).
return await DisambigCommandLine.RunAsync(args, Console.Out, Console.Error);
