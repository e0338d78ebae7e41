using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

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
    public void StorageAccount_Network_IsReachableOnlyThroughPrivateEndpointsInTheAksNetwork()
    {
        var account = SingleOfType("Microsoft.Storage/storageAccounts");
        var endpoints = SingleOfType("Microsoft.Network/privateEndpoints");
        var zoneGroups = SingleOfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups");
        var zones = SingleOfType("Microsoft.Network/privateDnsZones");
        var storageModule = Module("storage");
        var aksModule = Module("aks");
        var pools = SingleOfType("Microsoft.ContainerService/managedClusters")["properties"]!["agentPoolProfiles"]!.AsArray();

        Assert.Equal("Disabled", (string?)account["properties"]!["publicNetworkAccess"]);
        Assert.Equal("Deny", (string?)account["properties"]!["networkAcls"]!["defaultAction"]);
        // One endpoint per service the silos use (tables: membership, reminders; blobs: state and stores), each
        // registered in the private DNS zone of that service, which is linked to the network.
        Assert.Equal(["blob", "table"], StorageTemplate()["parameters"]!["privateEndpointServices"]!["defaultValue"]!.AsArray().Select(service => (string?)service));
        Assert.Equal("[length(parameters('privateEndpointServices'))]", (string?)endpoints["copy"]!["count"]);
        Assert.Equal("[parameters('privateEndpointServices')[copyIndex()]]", (string?)endpoints["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!["groupIds"]![0]);
        Assert.Contains("resourceId('Microsoft.Storage/storageAccounts'", (string?)endpoints["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!["privateLinkServiceId"], StringComparison.Ordinal);
        Assert.Equal("[parameters('privateDnsZoneIds')[copyIndex()]]", (string?)zoneGroups["properties"]!["privateDnsZoneConfigs"]![0]!["properties"]!["privateDnsZoneId"]);
        Assert.Equal("[format('privatelink.{0}.{1}', parameters('storageServices')[copyIndex()], environment().suffixes.storage)]", (string?)zones["name"]);
        Assert.NotNull(SingleOfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks"));
        // The endpoints' subnet and the node pools' subnet are both of the network module's virtual network.
        Assert.Contains("'network'", (string?)storageModule["properties"]!["parameters"]!["privateEndpointsSubnetId"]!["value"], StringComparison.Ordinal);
        Assert.EndsWith(".outputs.privateEndpointsSubnetId.value]", (string?)storageModule["properties"]!["parameters"]!["privateEndpointsSubnetId"]!["value"], StringComparison.Ordinal);
        Assert.EndsWith(".outputs.nodesSubnetId.value]", (string?)aksModule["properties"]!["parameters"]!["nodesSubnetId"]!["value"], StringComparison.Ordinal);
        Assert.All(pools, pool => Assert.Equal("[parameters('nodesSubnetId')]", (string?)pool!["vnetSubnetID"]));
    }

    [Fact]
    public void StorageAccount_SharedKey_IsDisabledWhenThePodsUseWorkloadIdentity()
    {
        var account = SingleOfType("Microsoft.Storage/storageAccounts");

        Assert.True((bool?)compilation.DefaultOf("workloadIdentity"));
        Assert.Equal("[not(parameters('workloadIdentity'))]", (string?)Module("storage")["properties"]!["parameters"]!["allowSharedKeyAccess"]!["value"]);
        Assert.Equal("[parameters('allowSharedKeyAccess')]", (string?)account["properties"]!["allowSharedKeyAccess"]);
        Assert.Equal("[not(parameters('allowSharedKeyAccess'))]", (string?)account["properties"]!["defaultToOAuthAuthentication"]);
    }

    [Fact]
    public void ResultsContainer_SoftDelete_KeepsDeletedResultBlobsAndContainers()
    {
        var blobService = SingleOfType("Microsoft.Storage/storageAccounts/blobServices")["properties"]!;

        Assert.Contains("results", StorageTemplate()["parameters"]!["containers"]!["defaultValue"]!.AsArray().Select(container => (string?)container));
        Assert.True((bool?)blobService["deleteRetentionPolicy"]!["enabled"]);
        Assert.True((bool?)blobService["containerDeleteRetentionPolicy"]!["enabled"]);
        Assert.Equal("[parameters('softDeleteRetentionDays')]", (string?)blobService["deleteRetentionPolicy"]!["days"]);
        Assert.True((long?)StorageTemplate()["parameters"]!["softDeleteRetentionDays"]!["defaultValue"] >= 7);
    }

    [Fact]
    public void AksCluster_NetworkPolicy_IsEnforcedForTheChartsPolicy()
    {
        var network = SingleOfType("Microsoft.ContainerService/managedClusters")["properties"]!["networkProfile"]!;

        Assert.Equal("cilium", (string?)network["networkPolicy"]);
        Assert.Equal("cilium", (string?)network["networkDataplane"]);
    }

    [Fact]
    public void PodIdentities_EachPodKind_IsFederatedWithItsOwnServiceAccountAndGetsItsStorageRoles()
    {
        var variables = compilation.Template["variables"]!;
        var kinds = variables["podKinds"]!.AsArray().Select(kind => kind!.AsObject()).ToList();
        var identities = Module("[format('identity-{0}', variables('podKinds')[copyIndex()].name)]");
        var assignment = Assert.Single(compilation.Resources(), resource =>
            (string?)resource["type"] == "Microsoft.Authorization/roleAssignments" && resource["copy"] is not null);
        var federation = SingleOfType("Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials");
        string RoleId(JsonNode? expression) => (string)variables[Regex.Match((string)expression!, @"variables\('(?<name>\w+)'\)").Groups["name"].Value]!;
        var roles = kinds.ToDictionary(kind => (string)kind["name"]!, kind => kind["storageRoleIds"]!.AsArray().Select(RoleId).ToList());

        // The chart's service accounts are <release>-<kind>, and its clientIds are keyed by valuesKey.
        Assert.Equal([.. HelmChart.Roles, "nightly-sweep"], kinds.Select(kind => (string?)kind["name"]));
        Assert.Equal(
            HelmChart.At(HelmChart.DefaultValues(), "storage.workloadIdentity.clientIds")!.AsObject().Select(entry => entry.Key),
            kinds.Select(kind => (string?)kind["valuesKey"]));
        Assert.Equal("[length(variables('podKinds'))]", (string?)identities["copy"]!["count"]);
        Assert.Equal("[format('{0}-{1}', parameters('helmReleaseName'), variables('podKinds')[copyIndex()].name)]", (string?)identities["properties"]!["parameters"]!["serviceAccountName"]!["value"]);
        Assert.Equal("[variables('podKinds')[copyIndex()].storageRoleIds]", (string?)identities["properties"]!["parameters"]!["storageRoleIds"]!["value"]);
        Assert.All(HelmChart.Roles, role => Assert.Equal([BlobDataContributor, TableDataContributor], roles[role]));
        // The nightly sweep is an Orleans client: the membership table, no blob.
        Assert.Equal([TableDataContributor], roles["nightly-sweep"]);
        Assert.Contains("parameters('storageRoleIds')[copyIndex()]", (string?)assignment["properties"]!["roleDefinitionId"], StringComparison.Ordinal);
        Assert.StartsWith("[resourceId('Microsoft.Storage/storageAccounts'", (string?)assignment["scope"], StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
        Assert.Equal(["api://AzureADTokenExchange"], federation["properties"]!["audiences"]!.AsArray().Select(audience => (string?)audience));
        Assert.Equal("[format('system:serviceaccount:{0}:{1}', parameters('kubernetesNamespace'), parameters('serviceAccountName'))]", (string?)federation["properties"]!["subject"]);
    }

    private JsonObject Module(string name) =>
        Assert.Single(compilation.Resources(), resource => (string?)resource["type"] == "Microsoft.Resources/deployments" && (string?)resource["name"] == name);

    private JsonObject StorageTemplate() => Module("storage")["properties"]!["template"]!.AsObject();

    private JsonObject SingleOfType(string type) =>
        Assert.Single(compilation.Resources(), resource => (string?)resource["type"] == type);

    private static void AssertSelectedBy(JsonObject nodeLabels, JsonObject nodeSelector)
    {
        Assert.NotEmpty(nodeSelector);
        Assert.All(nodeSelector, selector => Assert.Equal((string?)selector.Value, (string?)nodeLabels[selector.Key]));
    }
}
