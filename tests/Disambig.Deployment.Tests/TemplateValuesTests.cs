namespace Disambig.Deployment.Tests;

/// <summary>
/// Without a Helm binary the templates cannot be rendered here; these tests catch what rendering would: a template
/// reading a values key that values.yaml does not define (Helm renders it empty, or fails on a nil map).
/// </summary>
public sealed class TemplateValuesTests
{
    [Fact]
    public void Templates_ScanValuesReferences_EveryPath_ExistsInValuesYaml()
    {
        var values = HelmChart.DefaultValues();
        var references = TemplateValueReferences.Find(HelmChart.Templates(), HelmChart.Roles);

        var missing = references.Where(reference => !HelmChart.Has(values, reference.Path))
            .Select(reference => $"{reference.File}: {reference.Path}")
            .Distinct()
            .ToList();

        Assert.True(references.Count > 50, $"Only {references.Count} values references found: the scan is broken.");
        Assert.True(missing.Count == 0, "Not in values.yaml: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("appContract.env.roles")]
    [InlineData("inference.gpu.enabled")]
    [InlineData("worker.resources.requests")]
    [InlineData("trainer.terminationGracePeriodSeconds")]
    [InlineData("nightlySweep.schedule")]
    public void Templates_ScanValuesReferences_VariableAliases_AreResolvedToValuesPaths(string expectedPath)
    {
        var references = TemplateValueReferences.Find(HelmChart.Templates(), HelmChart.Roles);

        Assert.Contains(references, reference => reference.Path == expectedPath);
    }

    [Fact]
    public void ValuesYaml_TopLevelKeys_AreEachReadByATemplate()
    {
        var used = TemplateValueReferences.Find(HelmChart.Templates(), HelmChart.Roles)
            .Select(reference => reference.Path.Split('.')[0])
            .ToHashSet(StringComparer.Ordinal);

        var unused = HelmChart.DefaultValues().Select(entry => entry.Key).Where(key => !used.Contains(key)).ToList();

        Assert.True(unused.Count == 0, "Values no template reads: " + string.Join(", ", unused));
    }

    [Fact]
    public void ValuesYaml_SiloRoles_AreTheRolesTheTemplatesDeploy()
    {
        var values = HelmChart.DefaultValues();
        var rolesInValues = values.Where(entry => HelmChart.Has(values, entry.Key + ".roles")).Select(entry => entry.Key);
        var disruptionBudgets = HelmChart.Template("pdb.yaml");

        Assert.Equal(HelmChart.Roles, rolesInValues);
        Assert.Contains("list \"" + string.Join("\" \"", HelmChart.Roles) + "\"", disruptionBudgets, StringComparison.Ordinal);
        Assert.All(HelmChart.Roles, role => Assert.True(File.Exists(Path.Combine(RepositoryFiles.ChartDirectory, "templates", $"deployment-{role}.yaml")), role));
    }
}
