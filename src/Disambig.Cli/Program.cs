using Disambig.Cli;

return await DisambigCommandLine.Create().Parse(args).InvokeAsync();
