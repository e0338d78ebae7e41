using System.CommandLine;
using Disambig.Silo;

namespace Disambig.Cli.Commands;

/// <summary><c>disambig run</c>: the main job on the embedded default (an in-process silo with every role).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the main job on an in-process silo holding every role.");
        command.SetAction((parse, cancellationToken) => RunAsync(Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await using var silo = await EmbeddedSilo.StartAsync(cancellationToken: cancellationToken);
        var silos = await silo.ActiveSilosAsync();
        await output.WriteLineAsync($"Embedded silo up on 127.0.0.1 (silo port {silo.SiloPort}, gateway port {silo.GatewayPort}); active silos: {silos.Count}.");
        return 0;
    }
}
