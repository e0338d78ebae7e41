using System.Text.RegularExpressions;

namespace Disambig.Build.Tests.Layering;

/// <summary>The layering rules.</summary>
public enum LayeringRule
{
    /// <summary>A core library references Orleans or reaches the grain layer.</summary>
    CoreLibraryFreeOfOrleans,

    /// <summary>The pipeline commands reference the grains' implementation.</summary>
    PipelineCommandsOverContracts,

    /// <summary>The grains hold TorchSharp code.</summary>
    GrainsFreeOfTorchSharp,
}

/// <summary>One broken rule: which, and a line naming the project or file and what to do.</summary>
public sealed record LayeringViolation(LayeringRule Rule, string Message)
{
    public override string ToString() => Message;
}

/// <summary>
/// Which layer may reference which, checked on the project files and sources (docs/architecture.md, "Layers"):
/// <list type="bullet">
/// <item>core libraries (every project under <c>src/</c> that is not a host, contract, grain, dashboard or CLI project)
/// reference no Orleans package and reach no grain, contract or host project, directly or through another project;</item>
/// <item>the pipeline commands' project (<c>Disambig.Cli.Pipeline</c>) does not reference the grains' implementation
/// (<c>Disambig.Grains</c>), nor imports a namespace only the grains declare (they are within reach through the silo
/// host): it reaches the pipeline through the contracts and the silo host;</item>
/// <item>the grains hold no TorchSharp code: no <c>using TorchSharp</c> (nor a <c>TorchSharp.</c> qualified name) in <c>Disambig.Grains</c>.</item>
/// </list>
/// </summary>
public static partial class LayeringRules
{
    /// <summary>Projects that may use Orleans: the contracts, the grains, the silo host, the dashboard and the CLI.</summary>
    public static readonly IReadOnlySet<string> OrleansProjects = new HashSet<string>(StringComparer.Ordinal)
    {
        "Disambig.Grains.Abstractions", "Disambig.Grains", "Disambig.Silo", "Disambig.Dashboard", "Disambig.Cli", "Disambig.Cli.Pipeline",
    };

    /// <summary>Projects a core library must not reach: the grain layer and its host.</summary>
    public static readonly IReadOnlySet<string> GrainLayer = new HashSet<string>(StringComparer.Ordinal)
    {
        "Disambig.Grains.Abstractions", "Disambig.Grains", "Disambig.Silo",
    };

    public const string PipelineCommands = "Disambig.Cli.Pipeline";
    public const string Grains = "Disambig.Grains";
    public const string Contracts = "Disambig.Grains.Abstractions";

    /// <summary>Every broken rule of the repository at <paramref name="repositoryRoot"/>, one line each naming the file; empty when it is layered right.</summary>
    public static IReadOnlyList<LayeringViolation> Violations(string repositoryRoot)
    {
        var graph = ProjectGraph.Read(repositoryRoot);
        var violations = new List<LayeringViolation>();
        foreach (var project in graph.Projects.Values.Where(p => !OrleansProjects.Contains(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            foreach (var package in project.PackageReferences.Where(IsOrleans).Order(StringComparer.Ordinal))
                violations.Add(new(LayeringRule.CoreLibraryFreeOfOrleans, $"{project.Name}: core library references the Orleans package {package}."));
            foreach (var reached in graph.Closure(project.Name).Where(GrainLayer.Contains).Order(StringComparer.Ordinal))
                violations.Add(new(LayeringRule.CoreLibraryFreeOfOrleans, $"{project.Name}: core library reaches {reached}{(project.ProjectReferences.Contains(reached) ? "" : " (through another project)")}."));
        }
        if (graph.Projects.TryGetValue(PipelineCommands, out var commands) && commands.ProjectReferences.Contains(Grains))
            violations.Add(new(LayeringRule.PipelineCommandsOverContracts, $"{PipelineCommands}: the pipeline commands reference {Grains}; use the contracts (Disambig.Grains.Abstractions) and the silo host (Disambig.Silo)."));
        if (commands is not null && graph.Projects.TryGetValue(Grains, out var implementation))
        {
            // The silo host references the grains, so they are within reach: the sources must not import their namespaces.
            var contracts = graph.Projects.TryGetValue(Contracts, out var abstractions) ? Namespaces(abstractions) : [];
            var grainsOnly = Namespaces(implementation).Where(ns => !contracts.Contains(ns)).ToHashSet(StringComparer.Ordinal);
            foreach (var (file, line, text) in SourceLines(commands))
            {
                if (UsingDirective().Match(text) is { Success: true } match && grainsOnly.Contains(match.Groups["ns"].Value))
                    violations.Add(new(LayeringRule.PipelineCommandsOverContracts,
                        $"{PipelineCommands}: {Path.GetRelativePath(repositoryRoot, file).Replace('\\', '/')}:{line} imports {match.Groups["ns"].Value}, a namespace of {Grains}; use the contracts or the silo host."));
            }
        }
        if (graph.Projects.TryGetValue(Grains, out var grains))
        {
            foreach (var (file, line, text) in SourceLines(grains))
            {
                if (TorchSharpUse().IsMatch(text))
                    violations.Add(new(LayeringRule.GrainsFreeOfTorchSharp, $"{Grains}: {Path.GetRelativePath(repositoryRoot, file).Replace('\\', '/')}:{line} uses TorchSharp; torch code belongs in the libraries (Embedding)."));
            }
        }
        return violations;
    }

    /// <summary>Every line of a project's C# sources (build outputs left out), with its file and 1-based number.</summary>
    private static IEnumerable<(string File, int Line, string Text)> SourceLines(SourceProject project) =>
        Directory.GetFiles(project.Folder, "*.cs", SearchOption.AllDirectories).Where(IsSource).Order(StringComparer.Ordinal)
            .SelectMany(file => File.ReadLines(file).Select((text, i) => (file, i + 1, text)));

    /// <summary>The namespaces a project's sources declare.</summary>
    private static HashSet<string> Namespaces(SourceProject project) =>
        SourceLines(project).Select(l => NamespaceDeclaration().Match(l.Text)).Where(m => m.Success).Select(m => m.Groups["ns"].Value).ToHashSet(StringComparer.Ordinal);

    private static bool IsOrleans(string package) => package.StartsWith("Microsoft.Orleans.", StringComparison.OrdinalIgnoreCase);

    private static bool IsSource(string path) =>
        !path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "obj" or "bin");

    /// <summary><c>using TorchSharp...;</c>, <c>using static TorchSharp...</c>, or a <c>TorchSharp.</c> qualified name outside comments.</summary>
    [GeneratedRegex(@"^\s*(global\s+)?using\s+(static\s+)?(\w+\s*=\s*)?TorchSharp\b|^(?!\s*//).*\bTorchSharp\.")]
    private static partial Regex TorchSharpUse();

    [GeneratedRegex(@"^\s*namespace\s+(?<ns>[\w.]+)")]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*(global\s+)?using\s+(static\s+)?(?<ns>[\w.]+)\s*;")]
    private static partial Regex UsingDirective();
}
