using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Disambig.Deployment.Tests;

/// <summary>
/// infra/azure/main.bicep compiled to an ARM template by the Bicep CLI from the Azure.Bicep.CommandLine.linux-x64
/// package (type checks against Azure's resource types and the default linter rules run offline). Compiled once.
/// </summary>
public sealed class BicepCompilation
{
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(2);

    public BicepCompilation()
    {
        var bicep = BicepPath();
        var start = new ProcessStartInfo(bicep)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "build", "--stdout", RepositoryFiles.FullPath("infra/azure/main.bicep") },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {bicep}.");
        var standardError = process.StandardError.ReadToEndAsync();
        var standardOutput = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(CompileTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep build did not finish within {CompileTimeout}.");
        }

        ExitCode = process.ExitCode;
        Diagnostics = standardError.Result.Trim();
        Template = ExitCode == 0 ? JsonNode.Parse(standardOutput)!.AsObject() : [];
    }

    public int ExitCode { get; }

    /// <summary>Errors and warnings (linter included) that bicep printed; empty when the files are clean.</summary>
    public string Diagnostics { get; }

    /// <summary>The ARM template of main.bicep (modules nested as deployments).</summary>
    public JsonObject Template { get; }

    /// <summary>The template of main.bicep and, recursively, the templates of its modules.</summary>
    public IEnumerable<JsonObject> Templates() => TemplatesWithin(Template);

    /// <summary>Every resource of the template and of its nested module templates.</summary>
    public IEnumerable<JsonObject> Resources() => Templates().SelectMany(ResourcesOf);

    /// <summary>The default value of a parameter of main.bicep.</summary>
    public JsonNode? DefaultOf(string parameter) => Template["parameters"]?[parameter]?["defaultValue"];

    private static IEnumerable<JsonObject> TemplatesWithin(JsonObject template)
    {
        yield return template;
        foreach (var nested in ResourcesOf(template).Select(resource => resource["properties"]?["template"]).OfType<JsonObject>())
        {
            foreach (var inner in TemplatesWithin(nested))
            {
                yield return inner;
            }
        }
    }

    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(entry => entry.Value).OfType<JsonObject>(),
        _ => [],
    };

    private static string BicepPath()
    {
        var configured = typeof(BicepCompilation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BicepPath").Value;
        if (string.IsNullOrEmpty(configured))
        {
            throw new InvalidOperationException("BicepPath is not set: the Azure.Bicep.CommandLine.linux-x64 package did not restore.");
        }

        // The package's props join the path with a backslash.
        return Path.GetFullPath(configured.Replace('\\', '/'));
    }
}
