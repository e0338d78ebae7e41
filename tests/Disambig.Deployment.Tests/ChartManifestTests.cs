using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Disambig.Deployment.Tests;

/// <summary>
/// What the chart promises its operators, read from the templates and values without rendering: probes on the
/// health endpoints, the GPU on inference pods, what Orleans Kubernetes hosting needs, secrets by reference only.
/// </summary>
public sealed class ChartManifestTests
{
    public static TheoryData<string> Roles => new(HelmChart.Roles);

    [Theory]
    [MemberData(nameof(Roles))]
    public void SiloDeployment_Template_EachRole_RendersTheSharedSiloDeploymentWhenEnabled(string role)
    {
        var template = HelmChart.Template($"deployment-{role}.yaml");

        Assert.Contains($"{{{{- if .Values.{role}.enabled }}}}", template, StringComparison.Ordinal);
        Assert.Contains($"include \"disambig.siloDeployment\" (dict \"root\" . \"name\" \"{role}\" \"role\" .Values.{role})", template, StringComparison.Ordinal);
    }

    [Fact]
    public void SiloDeployment_Probes_PointAtTheHealthEndpoints()
    {
        var values = HelmChart.DefaultValues();
        var deployment = HelmChart.Definition("disambig.siloDeployment");
        var probe = HelmChart.Definition("disambig.httpProbe");

        Assert.Equal("/health/live", (string?)HelmChart.At(values, "appContract.paths.liveness"));
        Assert.Equal("/health/ready", (string?)HelmChart.At(values, "appContract.paths.readiness"));
        Assert.Contains("{{- $paths := $root.Values.appContract.paths }}", deployment, StringComparison.Ordinal);
        Assert.Matches(ProbeOn("startupProbe", "liveness"), deployment);
        Assert.Matches(ProbeOn("livenessProbe", "liveness"), deployment);
        Assert.Matches(ProbeOn("readinessProbe", "readiness"), deployment);
        Assert.StartsWith("httpGet:\n  path: {{ .path }}\n  port: http\n", probe, StringComparison.Ordinal);
        Assert.Matches(@"- name: http\s+containerPort: \{\{ \$root\.Values\.http\.port \}\}", deployment);
    }

    [Fact]
    public void InferenceValues_Resources_RequestAnNvidiaGpuOnTheGpuPool()
    {
        var values = HelmChart.DefaultValues();
        var deployment = HelmChart.Definition("disambig.siloDeployment");
        var amounts = HelmChart.Definition("disambig.resourceAmounts");

        Assert.True((bool?)HelmChart.At(values, "inference.gpu.enabled"));
        Assert.Equal("nvidia.com/gpu", (string?)HelmChart.At(values, "inference.gpu.resourceName"));
        Assert.True((long?)HelmChart.At(values, "inference.gpu.count") >= 1);
        Assert.Equal("gpu", (string?)HelmChart.At(values, "inference.nodeSelector")?["disambig.io/pool"]);
        Assert.Contains(HelmChart.At(values, "inference.tolerations")!.AsArray(), toleration =>
            (string?)toleration?["key"] == "sku" && (string?)toleration["value"] == "gpu" && (string?)toleration["effect"] == "NoSchedule");
        Assert.Matches(@"requests:\s*\{\{- include ""disambig\.resourceAmounts"" \(dict ""amounts"" \$role\.resources\.requests ""gpu"" \$role\.gpu\)", deployment);
        Assert.Matches(@"limits:\s*\{\{- include ""disambig\.resourceAmounts"" \(dict ""amounts"" \$role\.resources\.limits ""gpu"" \$role\.gpu\)", deployment);
        Assert.Matches(@"\{\{- if \.gpu\.enabled \}\}\s*\{\{- \$_ := set \$amounts \.gpu\.resourceName \.gpu\.count \}\}", amounts);
        Assert.Contains("include \"disambig.image\" (dict \"root\" $root \"cuda\" $role.gpu.enabled)", deployment, StringComparison.Ordinal);
    }

    [Fact]
    public void SiloPods_OrleansKubernetesHosting_CarryTheLabelsAndEnvironmentItReads()
    {
        var deployment = HelmChart.Definition("disambig.siloDeployment");
        var labels = HelmChart.Definition("disambig.orleansLabels");
        var environment = YamlJson.Parse(HelmChart.Definition("disambig.orleansHostingEnv"))!.AsArray()
            .ToDictionary(variable => (string)variable!["name"]!, variable => (string?)variable!["valueFrom"]?["fieldRef"]?["fieldPath"]);
        var podLabels = Regex.Match(deployment, @"template:\s+metadata:\s+labels:(?<labels>.*?)\n\s+annotations:", RegexOptions.Singleline);

        Assert.Contains("orleans/serviceId: {{ .Values.orleans.serviceId | quote }}", labels, StringComparison.Ordinal);
        Assert.Contains("orleans/clusterId: {{ .Values.orleans.clusterId | quote }}", labels, StringComparison.Ordinal);
        Assert.True(podLabels.Success, "The pod template has no labels block.");
        Assert.Contains("include \"disambig.orleansLabels\" $root", podLabels.Groups["labels"].Value, StringComparison.Ordinal);
        Assert.Equal(
            new Dictionary<string, string?> { ["POD_NAME"] = "metadata.name", ["POD_NAMESPACE"] = "metadata.namespace" },
            environment);
        Assert.Matches(
            @"\{\{- if eq \(include ""disambig\.kubernetesHosting"" \$root\) ""true"" \}\}\s+\{\{- include ""disambig\.orleansHostingEnv"" \$root",
            deployment);
        Assert.Contains("automountServiceAccountToken: {{ include \"disambig.kubernetesHosting\" $root }}", deployment, StringComparison.Ordinal);
    }

    [Fact]
    public void OrleansHostingRole_Rules_GrantThePodVerbsKubernetesHostingUses()
    {
        var documents = HelmChart.StaticDocuments("rbac.yaml");
        var role = documents.Single(document => (string?)document?["kind"] == "Role")!;
        var binding = documents.Single(document => (string?)document?["kind"] == "RoleBinding")!;
        var rule = role["rules"]!.AsArray().Single()!;

        Assert.StartsWith("{{- if and .Values.rbac.create (eq (include \"disambig.kubernetesHosting\" .) \"true\") }}", HelmChart.Template("rbac.yaml"), StringComparison.Ordinal);
        Assert.Equal([""], rule["apiGroups"]!.AsArray().Select(group => (string?)group));
        Assert.Equal(["pods"], rule["resources"]!.AsArray().Select(resource => (string?)resource));
        Assert.Equal(
            new[] { "delete", "get", "list", "patch", "watch" },
            rule["verbs"]!.AsArray().Select(verb => (string)verb!).Order(StringComparer.Ordinal));
        Assert.Equal("ServiceAccount", (string?)binding["subjects"]![0]!["kind"]);
        Assert.Equal("Role", (string?)binding["roleRef"]!["kind"]);
    }

    [Fact]
    public void ValuesYaml_Scan_HoldsNoCredentials()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.ChartDirectory, "values.yaml"));
        string[] credentialPatterns =
        [
            "AccountKey=", "SharedAccessSignature=", @"[?&]sig=", "DefaultEndpointsProtocol=", "UseDevelopmentStorage",
            @"Bearer\s+\S", @"eyJ[A-Za-z0-9_-]{10,}", @"[A-Za-z0-9+/]{40,}={0,2}",
        ];

        Assert.All(credentialPatterns, pattern => Assert.DoesNotMatch(pattern, text));
        Assert.Equal(["workloadIdentity", "existingSecret", "connectionStringKey"], HelmChart.DefaultValues()["storage"]!.AsObject().Select(entry => entry.Key));
        Assert.Equal(["existingSecret", "key"], HelmChart.DefaultValues()["http"]!["bearerToken"]!.AsObject().Select(entry => entry.Key));
    }

    [Fact]
    public void Templates_SecretSettings_ComeOnlyFromSecretKeyReferences()
    {
        var templates = HelmChart.Templates();
        var storageEnvironment = HelmChart.Definition("disambig.storageEnv");

        Assert.DoesNotContain(templates, template => Regex.IsMatch(template.Value, @"^kind:\s*Secret\s*$", RegexOptions.Multiline));
        Assert.Matches(@"\n- name: \{\{ \.name \}\}\s+valueFrom:\s+secretKeyRef:\s+name: \{\{ \.root\.Values\.storage\.existingSecret \}\}", storageEnvironment);
        Assert.Matches(@"- name: \{\{ \$env\.bearerToken \}\}\s+valueFrom:\s+secretKeyRef:", HelmChart.Definition("disambig.siloDeployment"));
        Assert.Contains("include \"disambig.storageEnv\" (dict \"root\" $root \"name\" $env.storageConnection)", HelmChart.Definition("disambig.siloDeployment"), StringComparison.Ordinal);
        Assert.Contains("include \"disambig.storageEnv\" (dict \"root\" . \"name\" .Values.appContract.env.clusterConnection)", templates["cronjob-nightly-sweep.yaml"], StringComparison.Ordinal);
        Assert.Matches(@"credentials:\s+name: \{\{ \.Values\.http\.bearerToken\.existingSecret \}\}\s+key: \{\{ \.Values\.http\.bearerToken\.key \}\}", templates["servicemonitor.yaml"]);
        Assert.DoesNotContain("storageConnection", templates["configmap.yaml"], StringComparison.Ordinal);
        Assert.DoesNotContain("clusterConnection", templates["configmap.yaml"], StringComparison.Ordinal);
        Assert.DoesNotContain("bearerToken", templates["configmap.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void Service_Ports_ExposeTheDashboardOfSiloPodsOnly()
    {
        var service = HelmChart.Template("service.yaml");

        Assert.Matches(@"selector:\s+\{\{- include ""disambig\.selectorLabels"" \. \| nindent 4 \}\}\s+app\.kubernetes\.io/component: silo", service);
        Assert.Matches(@"ports:\s+- name: http\s+port: \{\{ \.Values\.service\.httpPort \}\}\s+targetPort: http\s*$", service);
    }

    [Fact]
    public void WorkerAutoscaler_ScaleTarget_IsTheWorkerDeploymentWhoseReplicasItOwns()
    {
        var autoscaler = HelmChart.Template("hpa-worker.yaml");
        var deployment = HelmChart.Definition("disambig.siloDeployment");

        Assert.StartsWith("{{- if and .Values.worker.enabled .Values.worker.autoscaling.enabled }}", autoscaler, StringComparison.Ordinal);
        Assert.Matches(@"kind: Deployment\s+name: \{\{ include ""disambig\.fullname"" \. \}\}-worker", autoscaler);
        Assert.Contains("name: cpu", autoscaler, StringComparison.Ordinal);
        // With the autoscaler on, the Deployment leaves replicas to it, so an upgrade does not reset the scale.
        Assert.Matches(@"\{\{- if not \(dig ""autoscaling"" ""enabled"" false \$role\) \}\}\s+replicas: \{\{ \$role\.replicas \}\}\s+\{\{- end \}\}", deployment);
    }

    [Fact]
    public void NightlySweep_CronJob_IsOptionalAndRunsTheCliSweepWithoutOverlap()
    {
        var values = HelmChart.DefaultValues();
        var cronJob = HelmChart.Template("cronjob-nightly-sweep.yaml");

        Assert.StartsWith("{{- if .Values.nightlySweep.enabled }}", cronJob, StringComparison.Ordinal);
        Assert.Equal(["sweep"], HelmChart.At(values, "nightlySweep.args")!.AsArray().Select(argument => (string?)argument));
        Assert.Contains("command: [\"dotnet\", {{ .Values.appContract.cliAssembly | quote }}]", cronJob, StringComparison.Ordinal);
        Assert.Contains("concurrencyPolicy: Forbid", cronJob, StringComparison.Ordinal);
        Assert.Matches(@"envFrom:\s+- configMapRef:\s+name: \{\{ include ""disambig\.fullname"" \. \}\}", cronJob);
    }

    [Fact]
    public void NightlySweep_SiloReminder_IsOffWhileTheCronJobRuns()
    {
        var configMap = HelmChart.Template("configmap.yaml");

        Assert.Contains(
            "{{ $env.nightlySweepUtc }}: {{ ternary \"\" .Values.nightlySweep.reminderUtc .Values.nightlySweep.enabled | quote }}",
            configMap,
            StringComparison.Ordinal);
    }

    private static string ProbeOn(string probe, string path) =>
        $@"{probe}:\s*\{{\{{- include ""disambig\.httpProbe"" \(dict ""root"" \$root ""path"" \$paths\.{path} ";
}
