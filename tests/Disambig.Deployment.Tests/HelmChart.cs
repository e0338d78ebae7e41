using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Disambig.Deployment.Tests;

/// <summary>The chart under helm/disambig as Helm sees it before rendering: values, schema and template texts.</summary>
internal static partial class HelmChart
{
    /// <summary>The silo roles, each a top-level values key with its own Deployment.</summary>
    public static readonly IReadOnlyList<string> Roles = ["inference", "trainer", "worker"];

    private static readonly Lazy<JsonSchema> ValuesSchema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryFiles.ChartDirectory, "values.schema.json"))));

    /// <summary>A fresh copy of values.yaml as JSON (callers may change it).</summary>
    public static JsonObject DefaultValues() =>
        YamlJson.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.ChartDirectory, "values.yaml"))) as JsonObject
        ?? throw new InvalidDataException("values.yaml is not a mapping.");

    /// <summary>The text of every file under templates/, by file name.</summary>
    public static IReadOnlyDictionary<string, string> Templates() =>
        Directory.GetFiles(Path.Combine(RepositoryFiles.ChartDirectory, "templates"))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToDictionary(path => Path.GetFileName(path), File.ReadAllText, StringComparer.Ordinal);

    public static string Template(string fileName) =>
        File.ReadAllText(Path.Combine(RepositoryFiles.ChartDirectory, "templates", fileName));

    /// <summary>The body of a named template of templates/_helpers.tpl (between its define and its last end).</summary>
    public static string Definition(string name)
    {
        var helpers = Template("_helpers.tpl");
        var header = $"{{{{- define \"{name}\" -}}}}";
        var start = helpers.IndexOf(header, StringComparison.Ordinal);
        Assert.True(start >= 0, $"_helpers.tpl defines no {name}.");
        start += header.Length;
        var next = NextDefinitionOrComment().Match(helpers, start);
        var body = next.Success ? helpers[start..next.Index] : helpers[start..];
        var end = body.LastIndexOf("{{- end }}", StringComparison.Ordinal);
        return body[..end].Trim('\n');
    }

    /// <summary>A template's text without the lines holding template actions, parsed as YAML documents.</summary>
    public static IReadOnlyList<JsonNode?> StaticDocuments(string fileName) =>
        YamlJson.ParseAll(string.Join('\n', Template(fileName).Split('\n').Where(line => !line.Contains("{{", StringComparison.Ordinal))));

    /// <summary>The errors of <paramref name="values"/> against values.schema.json, as "location: message"; empty when valid.</summary>
    public static IReadOnlyList<string> SchemaErrors(JsonNode values)
    {
        var results = ValuesSchema.Value.Evaluate(
            JsonSerializer.SerializeToElement(values),
            new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        var errors = new List<string>();
        CollectErrors(results, errors);
        return errors;
    }

    // Only failing branches count: a passing "not" holds a failing child that is no error of the values. A failing
    // "not" carries no message of its own, so a failing node without messages or failing children names its keyword.
    private static void CollectErrors(EvaluationResults result, List<string> errors)
    {
        if (result.IsValid)
        {
            return;
        }

        var before = errors.Count;
        errors.AddRange((result.Errors ?? new Dictionary<string, string>()).Select(error => $"{result.InstanceLocation}: {error.Value}"));
        foreach (var detail in result.Details ?? [])
        {
            CollectErrors(detail, errors);
        }

        if (errors.Count == before)
        {
            errors.Add($"{result.InstanceLocation}: fails {result.EvaluationPath}");
        }
    }

    /// <summary>
    /// Merges user values over <paramref name="target"/> the way Helm does with -f: maps merge key by key,
    /// anything else replaces, and null removes the key.
    /// </summary>
    public static JsonObject Merge(JsonObject target, JsonObject overrides)
    {
        foreach (var (key, value) in overrides)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject overrideMap && target[key] is JsonObject targetMap)
            {
                Merge(targetMap, overrideMap);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }

        return target;
    }

    /// <summary>values.yaml with <paramref name="overrideYaml"/> merged over it, as <c>helm install -f</c> would.</summary>
    public static JsonObject WithOverride(string overrideYaml) =>
        Merge(DefaultValues(), YamlJson.Parse(overrideYaml) as JsonObject ?? throw new ArgumentException("The override is not a mapping."));

    /// <summary>The node at a dotted values path such as "inference.gpu.count", or null when a key is missing.</summary>
    public static JsonNode? At(JsonNode root, string dottedPath) => TryGet(root, dottedPath, out var node) ? node : null;

    /// <summary>Whether every key of a dotted values path exists (its value may be null or empty).</summary>
    public static bool Has(JsonNode root, string dottedPath) => TryGet(root, dottedPath, out _);

    private static bool TryGet(JsonNode root, string dottedPath, out JsonNode? node)
    {
        node = root;
        foreach (var key in dottedPath.Split('.'))
        {
            if (node is not JsonObject map || !map.TryGetPropertyValue(key, out node))
            {
                node = null;
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"\{\{-? define |\{\{/\*")]
    private static partial Regex NextDefinitionOrComment();
}
