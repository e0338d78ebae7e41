using System.Text.RegularExpressions;

namespace Disambig.Deployment.Tests;

/// <summary>
/// A Dockerfile read as its instructions (continuation lines joined, comments dropped), its global ARG defaults,
/// and its stages; enough to check base images, stages and the runtime user without a Docker engine.
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<Instruction> instructions)
    {
        Instructions = instructions;
        GlobalArguments = instructions.TakeWhile(instruction => instruction.Keyword != "FROM")
            .Where(instruction => instruction.Keyword == "ARG")
            .Select(instruction => instruction.Arguments.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.Ordinal);
        Stages = ReadStages(instructions, GlobalArguments);
    }

    /// <summary>One instruction: upper-case keyword and the rest of the (joined) line.</summary>
    public sealed record Instruction(string Keyword, string Arguments);

    /// <summary>A build stage: its base image (ARG defaults substituted), name and instructions.</summary>
    public sealed record Stage(string BaseImage, string? Name, IReadOnlyList<Instruction> Instructions);

    public IReadOnlyList<Instruction> Instructions { get; }

    public IReadOnlyDictionary<string, string> GlobalArguments { get; }

    public IReadOnlyList<Stage> Stages { get; }

    public Stage FinalStage => Stages[^1];

    public static Dockerfile Read(string path)
    {
        var logicalLines = File.ReadAllText(path).Replace("\\\n", " ", StringComparison.Ordinal).Split('\n');
        var instructions = logicalLines
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Select(parts => new Instruction(parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1] : string.Empty))
            .ToList();
        return new Dockerfile(instructions);
    }

    /// <summary>Whether <paramref name="image"/> names an earlier stage rather than a registry image.</summary>
    public bool IsStage(string image) => Stages.Any(stage => string.Equals(stage.Name, image, StringComparison.OrdinalIgnoreCase));

    private static List<Stage> ReadStages(IReadOnlyList<Instruction> instructions, IReadOnlyDictionary<string, string> arguments)
    {
        var stages = new List<Stage>();
        var current = new List<Instruction>();
        foreach (var instruction in instructions.SkipWhile(instruction => instruction.Keyword != "FROM"))
        {
            if (instruction.Keyword == "FROM")
            {
                current = [];
                var from = FromPattern().Match(instruction.Arguments);
                var image = ArgumentReference().Replace(from.Groups["image"].Value, reference =>
                    arguments.TryGetValue(reference.Groups["name"].Value, out var value) ? value : reference.Value);
                stages.Add(new Stage(image, from.Groups["name"].Success ? from.Groups["name"].Value : null, current));
            }
            else
            {
                current.Add(instruction);
            }
        }

        return stages;
    }

    [GeneratedRegex(@"^(?:--platform=\S+\s+)?(?<image>\S+)(?:\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?")]
    private static partial Regex ArgumentReference();
}
