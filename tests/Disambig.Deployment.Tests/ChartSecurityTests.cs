using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Disambig.Silo;
using Disambig.Silo.Security;

namespace Disambig.Deployment.Tests;

/// <summary>
/// What the chart promises about who may reach the silos and how they reach storage (issue 18): the NetworkPolicy,
/// the gateway's own Service, workload identity without any storage key, and Orleans TLS from a Secret.
/// </summary>
public sealed partial class ChartSecurityTests
{
    private const string ReleaseSelector = @"\{\{- include ""disambig\.selectorLabels"" \. \| nindent 14 \}\}";

    [Fact]
    public void NetworkPolicy_OrleansPorts_AdmitSilosOnSiloPortAndSilosAndTheSweepOnGatewayPort()
    {
        var template = HelmChart.Template("networkpolicy.yaml");
        var policy = HelmChart.StaticDocuments("networkpolicy.yaml").Single()!;
        var rules = policy["spec"]!["ingress"]!.AsArray();

        Assert.True((bool?)HelmChart.At(HelmChart.DefaultValues(), "networkPolicy.enabled"));
        Assert.StartsWith("{{- if .Values.networkPolicy.enabled }}", template, StringComparison.Ordinal);
        Assert.Equal("NetworkPolicy", (string?)policy["kind"]);
        Assert.Equal("silo", (string?)policy["spec"]!["podSelector"]!["matchLabels"]!["app.kubernetes.io/component"]);
        Assert.Matches(@"podSelector:\s+matchLabels:\s+\{\{- include ""disambig\.selectorLabels"" \. \| nindent 6 \}\}\s+app\.kubernetes\.io/component: silo", template);
        Assert.Equal(["Ingress"], policy["spec"]!["policyTypes"]!.AsArray().Select(type => (string?)type));
        Assert.Equal(3, rules.Count);
        Assert.Equal(["silo"], Components(rules[0]!));
        Assert.Equal(["silo", "nightly-sweep"], Components(rules[1]!));
        Assert.Matches(RulePorts(@"\.Values\.orleans\.siloPort") + PeerOfRelease("silo") + @"\s+- ports:", template);
        Assert.Matches(RulePorts(@"\.Values\.orleans\.gatewayPort") + PeerOfRelease("silo") + PeerOfRelease("nightly-sweep") + @"\s+- ports:", template);
        // The pods the rules name carry those labels: silos (with the release's selector labels) and the sweep's Job pods.
        Assert.Matches(@"app\.kubernetes\.io/component: nightly-sweep", HelmChart.Template("cronjob-nightly-sweep.yaml"));
        Assert.Contains("include \"disambig.siloSelectorLabels\" (dict \"root\" $root \"name\" $name) | nindent 8", HelmChart.Definition("disambig.siloDeployment"), StringComparison.Ordinal);
    }

    [Fact]
    public void NetworkPolicy_HttpPort_AdmitsOnlyTheReleasesPodsAndTheNamespacesAndPeersOfValues()
    {
        var template = HelmChart.Template("networkpolicy.yaml");
        var values = HelmChart.DefaultValues();

        Assert.Equal([], HelmChart.At(values, "networkPolicy.http.namespaces")!.AsArray());
        Assert.Equal([], HelmChart.At(values, "networkPolicy.http.from")!.AsArray());
        Assert.Matches(
            RulePorts(@"\.Values\.http\.port") + @"\s+- podSelector:\s+matchLabels:\s+" + ReleaseSelector
            + @"\s+\{\{- range \.Values\.networkPolicy\.http\.namespaces \}\}\s+- namespaceSelector:\s+matchLabels:\s+kubernetes\.io/metadata\.name: \{\{ \. \}\}\s+\{\{- end \}\}"
            + @"\s+\{\{- with \.Values\.networkPolicy\.http\.from \}\}\s+\{\{- toYaml \. \| nindent 8 \}\}\s+\{\{- end \}\}\s+\{\{- end \}\}\s*$",
            template);
    }

    [Theory]
    [InlineData("networkPolicy: {http: {namespaces: [app-routing-system, monitoring]}}")]
    [InlineData("networkPolicy: {http: {from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: proxy}}}]}}")]
    [InlineData("networkPolicy: {enabled: false}")]
    public void NetworkPolicyValues_ValidateAgainstSchema_PeersOfKubernetesForm_AreAccepted(string overrideYaml)
    {
        Assert.Empty(HelmChart.SchemaErrors(HelmChart.WithOverride(overrideYaml)));
    }

    [Theory]
    [InlineData("networkPolicy: {http: {namespaces: ['Not A Namespace']}}", "/networkPolicy/http/namespaces/0")]
    [InlineData("networkPolicy: {http: {from: [{ports: [8080]}]}}", "/networkPolicy/http/from/0")]
    [InlineData("networkPolicy: {http: {from: [{}]}}", "/networkPolicy/http/from/0")]
    public void NetworkPolicyValues_ValidateAgainstSchema_WhatIsNoPeer_IsRejected(string overrideYaml, string location)
    {
        Assert.Contains(HelmChart.SchemaErrors(HelmChart.WithOverride(overrideYaml)), error => error.StartsWith(location, StringComparison.Ordinal));
    }

    [Fact]
    public void GatewayService_Ports_AreTheGatewayAloneOnAClusterIpServiceOfItsOwn()
    {
        var gateway = HelmChart.StaticDocuments("service-gateway.yaml").Single()!;
        var gatewayTemplate = HelmChart.Template("service-gateway.yaml");
        var httpService = HelmChart.StaticDocuments("service.yaml").Single()!;

        Assert.Equal("ClusterIP", (string?)gateway["spec"]!["type"]);
        Assert.Equal("silo", (string?)gateway["spec"]!["selector"]!["app.kubernetes.io/component"]);
        Assert.Equal("gateway", (string?)Assert.Single(gateway["spec"]!["ports"]!.AsArray())!["targetPort"]);
        Assert.Contains("name: {{ include \"disambig.fullname\" . }}-gateway", gatewayTemplate, StringComparison.Ordinal);
        Assert.Matches(@"- name: gateway\s+port: \{\{ \.Values\.orleans\.gatewayPort \}\}\s+targetPort: gateway", gatewayTemplate);
        Assert.Equal(["http"], httpService["spec"]!["ports"]!.AsArray().Select(port => (string?)port!["targetPort"]));
        Assert.DoesNotContain("gateway", HelmChart.Template("service.yaml").Split('\n').Where(line => !line.TrimStart().StartsWith('#')), StringComparer.Ordinal);
    }

    [Fact]
    public void StorageEnv_WorkloadIdentity_RendersTheServiceUrisWithoutAnyKey_WhichTheSiloReadsAsIdentity()
    {
        var values = HelmChart.WithOverride(IdentityValues);
        var rendered = RenderIdentityStorageEnv(values, "Disambig__StorageConnection");
        var variable = Assert.Single(rendered.AsArray())!;
        var connection = (string)variable["value"]!;

        Assert.Empty(HelmChart.SchemaErrors(values));
        Assert.Null(variable["valueFrom"]);
        Assert.DoesNotContain("AccountKey", connection, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", connection, StringComparison.OrdinalIgnoreCase);
        var storage = ClusterStorage.Parse(connection);
        Assert.Equal(StorageAuthentication.AzureIdentity, storage.Authentication);
        Assert.Equal(new Uri("https://disambigx7k2.blob.core.windows.net"), storage.BlobServiceUri);
        Assert.Equal(new Uri("https://disambigx7k2.table.core.windows.net"), storage.TableServiceUri);
        new ClusterSiloSettings { StorageConnection = connection }.Validate();
    }

    [Fact]
    public void StorageSecret_Reference_IsRenderedOnlyWhileWorkloadIdentityIsOff()
    {
        var definition = HelmChart.Definition("disambig.storageEnv");
        var branches = StorageEnvBranches().Match(definition);
        var manifests = HelmChart.Templates().Where(template => template.Key != "NOTES.txt").Select(template => template.Value).ToList();

        Assert.True(branches.Success, definition);
        Assert.DoesNotContain("secretKeyRef", branches.Groups["identity"].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("storage.existingSecret", branches.Groups["identity"].Value, StringComparison.Ordinal);
        Assert.Contains("name: {{ .root.Values.storage.existingSecret }}", branches.Groups["secret"].Value, StringComparison.Ordinal);
        // Nowhere else does a manifest read the storage Secret, and both consumers take their connection from here.
        Assert.Equal(1, manifests.Sum(text => Regex.Matches(text, @"storage\.existingSecret").Count));
        Assert.Equal(1, manifests.Sum(text => Regex.Matches(text, @"storage\.connectionStringKey").Count));
        Assert.Contains("include \"disambig.storageEnv\" (dict \"root\" $root \"name\" $env.storageConnection)", HelmChart.Definition("disambig.siloDeployment"), StringComparison.Ordinal);
        Assert.Contains("include \"disambig.storageEnv\" (dict \"root\" . \"name\" .Values.appContract.env.clusterConnection)", HelmChart.Template("cronjob-nightly-sweep.yaml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("storage: {workloadIdentity: {enabled: true}}", "/storage/workloadIdentity/accountName")]
    [InlineData("storage: {workloadIdentity: {enabled: true, accountName: disambigx7k2}}", "/storage/workloadIdentity/clientIds/inference")]
    [InlineData("storage: {workloadIdentity: {accountName: 'https://x.blob.core.windows.net'}}", "/storage/workloadIdentity/accountName")]
    [InlineData("storage: {workloadIdentity: {clientIds: {worker: not-a-guid}}}", "/storage/workloadIdentity/clientIds/worker")]
    [InlineData("storage: {workloadIdentity: {accountKey: abc}}", "/storage/workloadIdentity")]
    public void WorkloadIdentityValues_ValidateAgainstSchema_MissingOrWrongIdentity_IsRejectedAtItsLocation(string overrideYaml, string location)
    {
        Assert.Contains(HelmChart.SchemaErrors(HelmChart.WithOverride(overrideYaml)), error => error.StartsWith(location, StringComparison.Ordinal));
    }

    [Fact]
    public void WorkloadIdentity_Pods_AreLabelledForTheWebhookAndRunAsTheirKindsServiceAccount()
    {
        var labels = HelmChart.Definition("disambig.workloadIdentityLabels");
        var deployment = HelmChart.Definition("disambig.siloDeployment");
        var cronJob = HelmChart.Template("cronjob-nightly-sweep.yaml");

        Assert.Equal("{{- if .Values.storage.workloadIdentity.enabled }}\nazure.workload.identity/use: \"true\"\n{{- end }}", labels);
        Assert.Contains("{{- include \"disambig.workloadIdentityLabels\" $root | nindent 8 }}", deployment, StringComparison.Ordinal);
        Assert.Contains("{{- include \"disambig.workloadIdentityLabels\" . | nindent 12 }}", cronJob, StringComparison.Ordinal);
        Assert.Contains("serviceAccountName: {{ include \"disambig.serviceAccountName\" (dict \"root\" $root \"name\" $name) }}", deployment, StringComparison.Ordinal);
        Assert.Contains("serviceAccountName: {{ include \"disambig.serviceAccountName\" (dict \"root\" . \"name\" \"nightly-sweep\") }}", cronJob, StringComparison.Ordinal);
        Assert.Equal("{{- printf \"%s-%s\" (include \"disambig.fullname\" .root) .name | trunc 63 | trimSuffix \"-\" }}", HelmChart.Definition("disambig.serviceAccountName"));
    }

    [Fact]
    public void ServiceAccounts_OnePerPodKind_CarryThatKindsIdentityClientId()
    {
        var accounts = HelmChart.Template("serviceaccount.yaml");
        var account = HelmChart.Definition("disambig.serviceAccount");
        var clientIds = HelmChart.At(HelmChart.DefaultValues(), "storage.workloadIdentity.clientIds")!.AsObject().Select(entry => entry.Key);

        Assert.Contains("{{- range $name := list \"" + string.Join("\" \"", HelmChart.Roles) + "\" }}", accounts, StringComparison.Ordinal);
        Assert.Contains("include \"disambig.serviceAccount\" (dict \"root\" $ \"name\" $name \"clientIdKey\" $name)", accounts, StringComparison.Ordinal);
        Assert.Contains("include \"disambig.serviceAccount\" (dict \"root\" . \"name\" \"nightly-sweep\" \"clientIdKey\" \"nightlySweep\")", accounts, StringComparison.Ordinal);
        Assert.Equal([.. HelmChart.Roles, "nightlySweep"], clientIds);
        Assert.Matches(@"\{\{- if \$workloadIdentity\.enabled \}\}\s+azure\.workload\.identity/client-id: \{\{ index \$workloadIdentity\.clientIds \.clientIdKey \| quote \}\}", account);
        Assert.Contains("automountServiceAccountToken: false", account, StringComparison.Ordinal);
        // Kubernetes hosting's Role goes to the silos' accounts, not the sweep's.
        Assert.Matches(@"subjects:\s+\{\{- range \$name := list ""inference"" ""trainer"" ""worker"" \}\}\s+- kind: ServiceAccount\s+name: \{\{ include ""disambig\.serviceAccountName"" \(dict ""root"" \$ ""name"" \$name\) \}\}", HelmChart.Template("rbac.yaml"));
    }

    [Fact]
    public void OrleansTls_Secret_IsMountedInSilosAndTheSweepAndItsFilesAreTheSilosTlsSettings()
    {
        var values = HelmChart.DefaultValues();
        var env = values["appContract"]!["env"]!;
        var configMap = HelmChart.Template("configmap.yaml");
        var directory = HelmChart.Definition("disambig.tlsDirectory");
        var volume = YamlJson.Parse(HelmChart.Definition("disambig.tlsVolume").Replace("{{ .Values.orleans.tls.existingSecret }}", "tls", StringComparison.Ordinal))!.AsArray().Single()!;
        var mount = YamlJson.Parse(HelmChart.Definition("disambig.tlsVolumeMount").Replace("{{ include \"disambig.tlsDirectory\" . }}", directory, StringComparison.Ordinal))!.AsArray().Single()!;

        Assert.False((bool?)HelmChart.At(values, "orleans.tls.enabled"));
        Assert.Equal(nameof(ClusterSiloSettings.TlsCertificateFile), ((string)env["tlsCertificateFile"]!)["Disambig__".Length..]);
        Assert.Equal(nameof(ClusterSiloSettings.TlsKeyFile), ((string)env["tlsKeyFile"]!)["Disambig__".Length..]);
        Assert.Equal(nameof(ClusterSiloSettings.TlsCaFile), ((string)env["tlsCaFile"]!)["Disambig__".Length..]);
        Assert.Equal("orleans-tls", (string?)volume["name"]);
        Assert.Equal("tls", (string?)volume["secret"]!["secretName"]);
        Assert.Equal(directory, (string?)mount["mountPath"]);
        Assert.True((bool?)mount["readOnly"]);
        Assert.Contains("{{ $env.tlsCertificateFile }}: {{ printf \"%s/tls.crt\" (include \"disambig.tlsDirectory\" .) | quote }}", configMap, StringComparison.Ordinal);
        Assert.Contains("{{ $env.tlsKeyFile }}: {{ printf \"%s/tls.key\" (include \"disambig.tlsDirectory\" .) | quote }}", configMap, StringComparison.Ordinal);
        Assert.Matches(@"\{\{- if \.Values\.orleans\.tls\.caKey \}\}\s+\{\{ \$env\.tlsCaFile \}\}: \{\{ printf ""%s/%s"" \(include ""disambig\.tlsDirectory"" \.\) \.Values\.orleans\.tls\.caKey \| quote \}\}", configMap);
        Assert.Matches(@"\{\{- if \$root\.Values\.orleans\.tls\.enabled \}\}\s+\{\{- include ""disambig\.tlsVolumeMount"" \$root \| nindent 12 \}\}", HelmChart.Definition("disambig.siloDeployment"));
        Assert.Matches(@"\{\{- if \$root\.Values\.orleans\.tls\.enabled \}\}\s+\{\{- include ""disambig\.tlsVolume"" \$root \| nindent 8 \}\}", HelmChart.Definition("disambig.siloDeployment"));
        Assert.Matches(@"\{\{- if \.Values\.orleans\.tls\.enabled \}\}\s+\{\{- include ""disambig\.tlsVolumeMount"" \. \| nindent 16 \}\}", HelmChart.Template("cronjob-nightly-sweep.yaml"));
        Assert.Matches(@"\{\{- if \.Values\.orleans\.tls\.enabled \}\}\s+\{\{- include ""disambig\.tlsVolume"" \. \| nindent 12 \}\}", HelmChart.Template("cronjob-nightly-sweep.yaml"));
    }

    private const string IdentityValues = """
        storage:
          workloadIdentity:
            enabled: true
            accountName: disambigx7k2
            clientIds:
              inference: 11111111-1111-1111-1111-111111111111
              trainer: 22222222-2222-2222-2222-222222222222
              worker: 33333333-3333-3333-3333-333333333333
              nightlySweep: 44444444-4444-4444-4444-444444444444
        orleans:
          tls: {enabled: true, caKey: ca.crt}
        """;

    /// <summary>
    /// The workload identity branch of <c>disambig.storageEnv</c> rendered for <paramref name="values"/>: the variable
    /// name and its one printf of values, evaluated here as Helm would (the branch holds nothing else).
    /// </summary>
    private static JsonNode RenderIdentityStorageEnv(JsonNode values, string variableName)
    {
        var branch = StorageEnvBranches().Match(HelmChart.Definition("disambig.storageEnv")).Groups["identity"].Value;
        var text = branch.Replace("{{ .name }}", variableName, StringComparison.Ordinal);
        text = Printf().Replace(text, call =>
        {
            var arguments = call.Groups["arguments"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(argument => (string)HelmChart.At(values, "storage.workloadIdentity." + argument["$identity.".Length..])!);
            var formatted = arguments.Aggregate(call.Groups["format"].Value, (format, argument) =>
            {
                var at = format.IndexOf("%s", StringComparison.Ordinal);
                return format[..at] + argument + format[(at + 2)..];
            });
            Assert.DoesNotContain("%", formatted, StringComparison.Ordinal);
            return "\"" + formatted + "\"";
        });
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        return YamlJson.Parse(text)!;
    }

    /// <summary>The app.kubernetes.io/component of each podSelector peer of a rule (template lines dropped).</summary>
    private static IEnumerable<string?> Components(JsonNode rule) =>
        rule["from"]!.AsArray().Select(peer => (string?)peer!["podSelector"]!["matchLabels"]!["app.kubernetes.io/component"]);

    private static string RulePorts(string portValue) =>
        @"- ports:\s+- protocol: TCP\s+port: \{\{ " + portValue + @" \}\}\s+from:";

    private static string PeerOfRelease(string component) =>
        @"\s+- podSelector:\s+matchLabels:\s+" + ReleaseSelector + @"\s+app\.kubernetes\.io/component: " + Regex.Escape(component);

    [GeneratedRegex(@"\{\{- if \$identity\.enabled \}\}(?<identity>.*?)\{\{- else \}\}(?<secret>.*?)\{\{- end \}\}", RegexOptions.Singleline)]
    private static partial Regex StorageEnvBranches();

    [GeneratedRegex(@"\{\{ printf ""(?<format>[^""]*)""(?<arguments>(?: \$identity\.[A-Za-z]+)+) \| quote \}\}")]
    private static partial Regex Printf();
}
