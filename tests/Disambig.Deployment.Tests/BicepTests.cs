using System.Text.Json.Nodes;

namespace Disambig.Deployment.Tests;

/// <summary>
/// The Azure resources of infra/azure, compiled by the Bicep CLI and read from the resulting ARM template, and
/// checked against the chart: the GPU pool's label and taint are what the inference pods select and tolerate.
/// </summary>
public sealed class BicepTests(BicepCompilation compilation) : IClassFixture<BicepCompilation>
{
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    [Fact]
    public void MainBicep_Build_WithBicepCli_CompilesWithoutWarnings()
    {
        Assert.True(compilation.ExitCode == 0, compilation.Diagnostics);
        Assert.True(compilation.Diagnostics.Length == 0, compilation.Diagnostics);
    }

    [Fact]
    public void StorageAccount_Properties_DenyPublicBlobsPlainHttpAndOldTls()
    {
        var account = SingleOfType("Microsoft.Storage/storageAccounts");
        var containers = compilation.Resources().Where(resource => (string?)resource["type"] == "Microsoft.Storage/storageAccounts/blobServices/containers").ToList();

        Assert.False((bool?)account["properties"]!["allowBlobPublicAccess"]);
        Assert.True((bool?)account["properties"]!["supportsHttpsTrafficOnly"]);
        Assert.Equal("TLS1_2", (string?)account["properties"]!["minimumTlsVersion"]);
        Assert.NotNull(SingleOfType("Microsoft.Storage/storageAccounts/tableServices"));
        Assert.Equal("None", (string?)Assert.Single(containers)["properties"]!["publicAccess"]);
    }

    [Fact]
    public void AksCluster_Pools_AreSystemCpuAndGpuWithWorkloadIdentity()
    {
        var cluster = SingleOfType("Microsoft.ContainerService/managedClusters");
        var properties = cluster["properties"]!;
        var pools = properties["agentPoolProfiles"]!.AsArray().Select(pool => pool!.AsObject()).ToList();

        Assert.True((bool?)properties["oidcIssuerProfile"]!["enabled"]);
        Assert.True((bool?)properties["securityProfile"]!["workloadIdentity"]!["enabled"]);
        Assert.Equal(["system", "cpu", "gpu"], pools.Select(pool => (string?)pool["name"]));
        Assert.Equal(["System", "User", "User"], pools.Select(pool => (string?)pool["mode"]));
        Assert.All(pools, pool => Assert.True((bool?)pool["enableAutoScaling"]));
        Assert.Equal(0, (long?)compilation.DefaultOf("gpuPoolMinCount"));
    }

    [Fact]
    public void GpuPool_LabelAndTaint_AreSelectedAndToleratedByTheInferencePods()
    {
        var values = HelmChart.DefaultValues();
        var taint = ((string?)compilation.DefaultOf("gpuPoolTaint"))!.Split('=', ':');
        var gpuLabels = compilation.DefaultOf("gpuPoolLabels")!.AsObject();

        Assert.Contains(HelmChart.At(values, "inference.tolerations")!.AsArray(), toleration =>
            (string?)toleration!["key"] == taint[0] && (string?)toleration["value"] == taint[1] && (string?)toleration["effect"] == taint[2]);
        AssertSelectedBy(gpuLabels, HelmChart.At(values, "inference.nodeSelector")!.AsObject());
    }

    [Theory]
    [InlineData("worker.nodeSelector")]
    [InlineData("trainer.nodeSelector")]
    [InlineData("nightlySweep.nodeSelector")]
    public void CpuPool_Labels_AreSelectedByTheCpuPods(string nodeSelectorPath)
    {
        AssertSelectedBy(compilation.DefaultOf("cpuPoolLabels")!.AsObject(), HelmChart.At(HelmChart.DefaultValues(), nodeSelectorPath)!.AsObject());
    }

    [Fact]
    public void PodIdentity_RoleAssignments_GrantBlobAndTableDataContributorOnTheStorageAccount()
    {
        var storageRoleIds = Assert.Single(compilation.Templates(), template => template["variables"]?["storageRoleIds"] is not null)["variables"]!["storageRoleIds"]!;
        var assignment = Assert.Single(compilation.Resources(), resource =>
            (string?)resource["type"] == "Microsoft.Authorization/roleAssignments" && resource["copy"] is not null);
        var federation = SingleOfType("Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials");

        Assert.Equal([BlobDataContributor, TableDataContributor], storageRoleIds.AsArray().Select(role => (string?)role));
        Assert.Equal("[length(variables('storageRoleIds'))]", (string?)assignment["copy"]!["count"]);
        Assert.Contains("variables('storageRoleIds')[copyIndex()]", (string?)assignment["properties"]!["roleDefinitionId"], StringComparison.Ordinal);
        Assert.StartsWith("[resourceId('Microsoft.Storage/storageAccounts'", (string?)assignment["scope"], StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
        Assert.Equal(["api://AzureADTokenExchange"], federation["properties"]!["audiences"]!.AsArray().Select(audience => (string?)audience));
        Assert.Equal("[format('system:serviceaccount:{0}:{1}', parameters('kubernetesNamespace'), parameters('serviceAccountName'))]", (string?)federation["properties"]!["subject"]);
    }

    private JsonObject SingleOfType(string type) =>
        Assert.Single(compilation.Resources(), resource => (string?)resource["type"] == type);

    private static void AssertSelectedBy(JsonObject nodeLabels, JsonObject nodeSelector)
    {
        Assert.NotEmpty(nodeSelector);
        Assert.All(nodeSelector, selector => Assert.Equal((string?)selector.Value, (string?)nodeLabels[selector.Key]));
    }
}
