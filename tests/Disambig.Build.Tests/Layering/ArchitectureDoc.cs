using System.Text.RegularExpressions;

namespace Disambig.Build.Tests.Layering;

/// <summary>
/// The "Layers" table of docs/architecture.md against the project files: one row per project under <c>src/</c>, whose
/// last cell ("depends on") names exactly the projects it references (short names, <c>Grains.Abstractions</c>, or with
/// the <c>Disambig.</c> prefix), besides any packages or tools; text in parentheses is a comment.
/// </summary>
public static partial class ArchitectureDoc
{
    public const string RelativePath = "docs/architecture.md";

    /// <summary>Every difference between the table and the project files, one line each saying what the row should name; empty when they agree.</summary>
    public static IReadOnlyList<string> Mismatches(string repositoryRoot)
    {
        var graph = ProjectGraph.Read(repositoryRoot);
        var shortNames = graph.Projects.Values.ToDictionary(p => p.ShortName, p => p.Name, StringComparer.Ordinal);
        var rows = LayerRows(File.ReadAllLines(Path.Combine(repositoryRoot, RelativePath)));
        var mismatches = new List<string>();
        foreach (var project in graph.Projects.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var expected = string.Join(", ", project.ProjectReferences.Select(r => r.StartsWith(ProjectGraph.Prefix, StringComparison.Ordinal) ? r[ProjectGraph.Prefix.Length..] : r).Order(StringComparer.Ordinal));
            if (!rows.TryGetValue(project.Name, out var dependsOn))
            {
                mismatches.Add($"{project.Name}: no row in the Layers table of {RelativePath}; add one whose 'depends on' names: {(expected.Length == 0 ? "no project" : expected)}.");
                continue;
            }
            var documented = ProjectsNamed(dependsOn, shortNames);
            if (!documented.SetEquals(project.ProjectReferences))
                mismatches.Add($"{project.Name}: {RelativePath} says it depends on [{string.Join(", ", documented.Order(StringComparer.Ordinal))}], "
                    + $"its project file references [{string.Join(", ", project.ProjectReferences.Order(StringComparer.Ordinal))}]; the row should name: {(expected.Length == 0 ? "no project" : expected)}.");
        }
        foreach (var stale in rows.Keys.Where(name => !graph.Projects.ContainsKey(name)).Order(StringComparer.Ordinal))
            mismatches.Add($"{stale}: {RelativePath} has a row for it, but there is no such project under src/.");
        return mismatches;
    }

    /// <summary>The rows of the table under "## Layers": project name to its last cell.</summary>
    private static Dictionary<string, string> LayerRows(IReadOnlyList<string> lines)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = lines.ToList().FindIndex(line => line.StartsWith("## Layers", StringComparison.Ordinal));
        if (start < 0) return rows;
        foreach (var line in lines.Skip(start + 1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal)))
        {
            if (FirstCell().Match(line) is not { Success: true } match) continue;
            rows[match.Groups["name"].Value] = line.TrimEnd().TrimEnd('|').Split('|')[^1];
        }
        return rows;
    }

    private static HashSet<string> ProjectsNamed(string cell, IReadOnlyDictionary<string, string> shortNames) =>
        Parenthesised().Replace(cell, "")
            .Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(token => token.Trim('`', ' '))
            .Select(token => token.StartsWith(ProjectGraph.Prefix, StringComparison.Ordinal) ? token[ProjectGraph.Prefix.Length..] : token)
            .Where(shortNames.ContainsKey)
            .Select(token => shortNames[token])
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^\|\s*`(?<name>Disambig\.[\w.]+)`\s*\|")]
    private static partial Regex FirstCell();

    [GeneratedRegex(@"\([^()]*\)")]
    private static partial Regex Parenthesised();
}
