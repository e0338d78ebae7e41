using System.Text.RegularExpressions;

namespace Disambig.Deployment.Tests;

/// <summary>
/// The values paths a chart's templates read, found without rendering: direct <c>.Values.a.b</c> references, and
/// references through template variables bound to a values path (<c>{{- $env := $root.Values.appContract.env }}</c>,
/// then <c>$env.roles</c>). The variable <c>$role</c> stands for each silo role's values.
/// </summary>
internal static partial class TemplateValueReferences
{
    public const string RoleVariable = "role";

    /// <summary>One values path read by a template, e.g. "orleans.clusterId", with the template file it is in.</summary>
    public sealed record Reference(string File, string Path);

    public static IReadOnlyList<Reference> Find(IReadOnlyDictionary<string, string> templates, IReadOnlyList<string> roles)
    {
        var references = new List<Reference>();
        foreach (var (file, text) in templates)
        {
            references.AddRange(ValuesPath().Matches(text).Select(match => new Reference(file, match.Groups["path"].Value.TrimStart('.'))));

            var aliases = VariableBinding().Matches(text)
                .ToDictionary(match => match.Groups["variable"].Value, match => match.Groups["path"].Value.TrimStart('.'));
            foreach (Match use in VariablePath().Matches(text))
            {
                var variable = use.Groups["variable"].Value;
                var suffix = use.Groups["path"].Value;
                if (aliases.TryGetValue(variable, out var prefix))
                {
                    references.Add(new Reference(file, prefix + suffix));
                }
                else if (variable == RoleVariable)
                {
                    references.AddRange(roles.Select(role => new Reference(file, role + suffix)));
                }
            }
        }

        return references;
    }

    [GeneratedRegex(@"\.Values(?<path>(?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesPath();

    [GeneratedRegex(@"\$(?<variable>[A-Za-z_][A-Za-z0-9_]*)\s*:=\s*(?:\$root|\.root|\$)?\.Values(?<path>(?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*-?\}\}")]
    private static partial Regex VariableBinding();

    [GeneratedRegex(@"\$(?<variable>[A-Za-z_][A-Za-z0-9_]*)(?<path>(?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex VariablePath();
}
