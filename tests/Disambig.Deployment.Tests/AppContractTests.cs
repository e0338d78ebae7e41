using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Disambig.Dashboard;
using Disambig.Silo;
using Microsoft.Extensions.Configuration;

namespace Disambig.Deployment.Tests;

/// <summary>
/// The environment the chart gives its pods is the one the application reads: every <c>Disambig__</c> name binds a
/// settings property, the values bind and validate as a silo would read them, and the nightly sweep gets the CLI's
/// cluster connection variable.
/// </summary>
public sealed partial class AppContractTests
{
    /// <summary>The CLI's cluster connection variable, <c>PipelineTarget.ClusterVariable</c> in Disambig.Cli.Pipeline (internal there).</summary>
    private const string CliClusterVariable = "DISAMBIG_CLUSTER_CONNECTION";

    [Fact]
    public void ChartEnvironment_DisambigNames_EachBindAPublicSettingsProperty()
    {
        var names = ChartEnvironmentNames();
        var unbound = names.Where(name => BoundProperty(name) is null).ToList();

        Assert.Contains("Disambig__AdvertisedAddress", names);
        Assert.Contains("Disambig__Http__BearerToken", names);
        Assert.True(unbound.Count == 0, "No settings property reads: " + string.Join(", ", unbound));
    }

    [Theory]
    [InlineData("Disambig__Clustering__Provider")]
    [InlineData("Disambig__Storage__ConnectionString")]
    [InlineData("Disambig__Http__Port")]
    [InlineData("Disambig__clusterid")]
    public void BoundProperty_UnknownOrNestedName_IsNone(string name)
    {
        Assert.Null(BoundProperty(name));
    }

    [Fact]
    public void ChartEnvironment_DefaultValues_BindAndValidateAsASiloReadsThem()
    {
        var values = HelmChart.DefaultValues();
        var env = values["appContract"]!["env"]!;
        var environment = new Dictionary<string, string?>
        {
            [(string)env["roles"]!] = "worker",
            [(string)env["clustering"]!] = (string?)HelmChart.At(values, "orleans.clustering.provider"),
            [(string)env["clusterId"]!] = (string?)HelmChart.At(values, "orleans.clusterId"),
            [(string)env["serviceId"]!] = (string?)HelmChart.At(values, "orleans.serviceId"),
            [(string)env["siloPort"]!] = $"{HelmChart.At(values, "orleans.siloPort")}",
            [(string)env["gatewayPort"]!] = $"{HelmChart.At(values, "orleans.gatewayPort")}",
            [(string)env["advertisedAddress"]!] = "10.244.1.17",
            // What the ConfigMap renders while the CronJob schedules the sweep: no silo reminder.
            [(string)env["nightlySweepUtc"]!] = "",
            [(string)env["storageConnection"]!] = "UseDevelopmentStorage=true",
        };

        var settings = Bind(environment).GetSection(ClusterSiloSettings.SectionName).Get<ClusterSiloSettings>()!.Validate();

        Assert.Equal(ClusterSiloSettings.KubernetesClustering, settings.Clustering);
        Assert.Equal("disambig", settings.ClusterId);
        Assert.Equal(30000, settings.GatewayPort);
        Assert.Equal("10.244.1.17", settings.AdvertisedAddress);
        Assert.Equal("", settings.NightlySweepUtc);
        Assert.Equal("worker", settings.Roles);
    }

    [Fact]
    public void ValuesSchema_ClusteringProviders_AreTheSilosClusteringSettings()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.ChartDirectory, "values.schema.json")))!;
        var providers = schema["properties"]!["orleans"]!["properties"]!["clustering"]!["properties"]!["provider"]!["enum"]!.AsArray();

        Assert.Equal(
            new[] { ClusterSiloSettings.AzureTableClustering, ClusterSiloSettings.KubernetesClustering }.Order(StringComparer.Ordinal),
            providers.Select(provider => (string)provider!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SiloDeployment_AdvertisedAddress_IsThePodIp()
    {
        Assert.Matches(
            @"- name: \{\{ \$env\.advertisedAddress \}\}\s+valueFrom:\s+fieldRef:\s+fieldPath: status\.podIP",
            HelmChart.Definition("disambig.siloDeployment"));
    }

    [Fact]
    public void NightlySweep_ClusterConnection_IsTheCliVariableFromTheStorageSecret()
    {
        var cronJob = HelmChart.Template("cronjob-nightly-sweep.yaml");

        Assert.Equal(CliClusterVariable, (string?)HelmChart.At(HelmChart.DefaultValues(), "appContract.env.clusterConnection"));
        // The Job's only own variable: the sweep finds the gateways in the membership table, not at an address.
        Assert.Matches(@"\n\s+env:\s+\{\{- include ""disambig\.storageEnv"" \(dict ""root"" \. ""name"" \.Values\.appContract\.env\.clusterConnection\) \| nindent 16 \}\}\s+resources:", cronJob);
    }

    [Fact]
    public void ClusterSiloSettings_Validate_UnknownClustering_ThrowsNamingIt()
    {
        var settings = new ClusterSiloSettings { StorageConnection = "UseDevelopmentStorage=true", Clustering = "Consul" };

        var error = Assert.Throws<ArgumentException>(() => settings.Validate());

        Assert.Contains("'Consul'", error.Message, StringComparison.Ordinal);
        Assert.Contains(ClusterSiloSettings.KubernetesClustering, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every <c>Disambig__</c> variable name the chart sets: appContract.env, names written literally in templates,
    /// and the keys of config and each role's extraEnv.
    /// </summary>
    private static IReadOnlyList<string> ChartEnvironmentNames()
    {
        var values = HelmChart.DefaultValues();
        var settingMaps = new[] { "config" }.Concat(HelmChart.Roles.Select(role => $"{role}.extraEnv"));
        return values["appContract"]!["env"]!.AsObject().Select(entry => (string)entry.Value!)
            .Concat(HelmChart.Templates().Values.SelectMany(text => LiteralName().Matches(text).Select(match => match.Value)))
            .Concat(settingMaps.SelectMany(path => HelmChart.At(values, path)!.AsObject().Select(entry => entry.Key)))
            .Where(name => name.StartsWith(ClusterSiloSettings.SectionName + "__", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The settings property <paramref name="name"/> binds: <c>Disambig__Http__Y</c> a property of
    /// <see cref="DashboardOptions"/>, <c>Disambig__X</c> one of <see cref="ClusterSiloSettings"/>; null when none.
    /// Names must match exactly (the binder ignores case, the contract does not).
    /// </summary>
    private static PropertyInfo? BoundProperty(string name)
    {
        var key = name.Replace("__", ":", StringComparison.Ordinal);
        var (type, section) = key.StartsWith(DashboardOptions.SectionName + ":", StringComparison.Ordinal)
            ? (typeof(DashboardOptions), DashboardOptions.SectionName)
            : (typeof(ClusterSiloSettings), ClusterSiloSettings.SectionName);
        var property = key[(section.Length + 1)..];
        return property.Contains(':', StringComparison.Ordinal)
            ? null
            : type.GetProperty(property, BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true } found ? found : null;
    }

    /// <summary>Configuration as the host builds it from environment variables ("__" separates sections).</summary>
    private static IConfiguration Bind(Dictionary<string, string?> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.ToDictionary(entry => entry.Key.Replace("__", ":", StringComparison.Ordinal), entry => entry.Value))
            .Build();

    [GeneratedRegex(@"\bDisambig__[A-Za-z0-9_.]+")]
    private static partial Regex LiteralName();
}
