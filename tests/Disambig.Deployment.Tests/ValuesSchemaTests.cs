namespace Disambig.Deployment.Tests;

/// <summary>values.yaml against values.schema.json, as `helm lint`, `helm template` and `helm install` check it.</summary>
public sealed class ValuesSchemaTests
{
    [Fact]
    public void DefaultValues_ValidateAgainstSchema_AsShipped_AreValid()
    {
        var errors = HelmChart.SchemaErrors(HelmChart.DefaultValues());

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Theory]
    [InlineData("orleans: {clustering: {provider: AzureTable}}\nnightlySweep: {enabled: false, reminderUtc: '02:30'}")]
    [InlineData("worker: {autoscaling: {enabled: false}, replicas: 6}\ntrainer: {replicas: 0}")]
    [InlineData("inference: {gpu: {enabled: false}, nodeSelector: {disambig.io/pool: cpu}, tolerations: []}")]
    [InlineData("image: {registry: myregistry.azurecr.io, tag: 1.2.3}\nconfig: {Logging__LogLevel__Default: Warning}")]
    public void ValuesOverride_ValidateAgainstSchema_SupportedSettings_AreAccepted(string overrideYaml)
    {
        var errors = HelmChart.SchemaErrors(HelmChart.WithOverride(overrideYaml));

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Theory]
    [InlineData("worker: {replicas: two}", "/worker")]
    [InlineData("worker: {replica: 3}", "/worker")]
    [InlineData("ingress: {enabled: true}", "")]
    [InlineData("inference: {gpu: {count: 0}}", "/inference/gpu/count")]
    [InlineData("orleans: {clustering: {provider: Consul}}", "/orleans/clustering/provider")]
    [InlineData("orleans: {clusterId: 'not a label value'}", "/orleans/clusterId")]
    [InlineData("trainer: {replicas: 2}", "/trainer")]
    [InlineData("inference: {autoscaling: {enabled: true, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50, scaleDownStabilizationSeconds: 60}}", "/inference")]
    [InlineData("image: {tag: latest}", "/image/tag")]
    [InlineData("podSecurityContext: {runAsNonRoot: false}", "/podSecurityContext/runAsNonRoot")]
    [InlineData("nightlySweep: {schedule: 'every night'}", "/nightlySweep/schedule")]
    [InlineData("nightlySweep: {reminderUtc: '25:00'}", "/nightlySweep/reminderUtc")]
    public void ValuesOverride_ValidateAgainstSchema_WrongTypeOrUnknownKey_IsRejectedAtItsLocation(string overrideYaml, string location)
    {
        AssertRejectedAt(HelmChart.SchemaErrors(HelmChart.WithOverride(overrideYaml)), location);
    }

    [Theory]
    [InlineData("storage: {connectionString: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=b'}", "/storage")]
    [InlineData("http: {bearerToken: {value: s3cr3t}}", "/http/bearerToken")]
    [InlineData("config: {Disambig__StorageConnection: 'UseDevelopmentStorage=true'}", "/config")]
    [InlineData("config: {DISAMBIG_CLUSTER_CONNECTION: 'UseDevelopmentStorage=true'}", "/config")]
    [InlineData("config: {Disambig__Http__BearerToken: s3cr3t}", "/config")]
    [InlineData("worker: {extraEnv: {AZURE_STORAGE_ACCOUNT_KEY: abc}}", "/worker/extraEnv")]
    public void ValuesOverride_ValidateAgainstSchema_InlineSecret_IsRejectedAtItsLocation(string overrideYaml, string location)
    {
        AssertRejectedAt(HelmChart.SchemaErrors(HelmChart.WithOverride(overrideYaml)), location);
    }

    private static void AssertRejectedAt(IReadOnlyList<string> errors, string location)
    {
        Assert.NotEmpty(errors);
        Assert.Contains(errors, error => error.StartsWith(location + ":", StringComparison.Ordinal) || error.StartsWith(location + "/", StringComparison.Ordinal));
    }
}
