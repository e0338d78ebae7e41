namespace Disambig.Build.Tests.Layering;

/// <summary>The repository keeps its layers (docs/architecture.md), and the checker catches a wrong reference when one is planted.</summary>
public sealed class LayeringTests : IDisposable
{
    private readonly FakeRepository _repository = new();

    private string Fake => _repository.Root;

    private static IReadOnlyList<LayeringViolation> RepositoryViolations(LayeringRule rule) =>
        [.. LayeringRules.Violations(ProjectGraph.FindRepositoryRoot()).Where(v => v.Rule == rule)];

    [Fact]
    public void CoreLibraries_OfThisRepository_ReferenceNoOrleansPackageNorGrainProject() =>
        AssertNone(RepositoryViolations(LayeringRule.CoreLibraryFreeOfOrleans));

    [Fact]
    public void PipelineCommands_OfThisRepository_DoNotReferenceTheGrains() =>
        AssertNone(RepositoryViolations(LayeringRule.PipelineCommandsOverContracts));

    [Fact]
    public void Grains_OfThisRepository_HoldNoTorchSharpCode() =>
        AssertNone(RepositoryViolations(LayeringRule.GrainsFreeOfTorchSharp));

    /// <summary>Fails with every violation on its own line.</summary>
    private static void AssertNone(IReadOnlyList<LayeringViolation> violations) =>
        Assert.True(violations.Count == 0, string.Join('\n', violations));

    [Fact]
    public void Checker_OnAWellLayeredTree_FindsNothing()
    {
        PlantLayeredTree();

        Assert.Empty(LayeringRules.Violations(Fake));
    }

    [Fact]
    public void Checker_OnACoreLibraryWithAnOrleansPackage_NamesTheLibraryAndThePackage()
    {
        PlantLayeredTree();
        Project("Disambig.Audio", packages: ["Microsoft.Orleans.Core"]);

        var violation = Assert.Single(LayeringRules.Violations(Fake));

        Assert.Equal(LayeringRule.CoreLibraryFreeOfOrleans, violation.Rule);
        Assert.Equal("Disambig.Audio: core library references the Orleans package Microsoft.Orleans.Core.", violation.Message);
    }

    [Fact]
    public void Checker_OnACoreLibraryReachingTheGrainsThroughAnother_NamesBoth()
    {
        PlantLayeredTree();
        Project("Disambig.Storage", references: ["Disambig.Grains.Abstractions"]);

        var messages = LayeringRules.Violations(Fake).Select(v => v.Message).ToList();

        Assert.Contains("Disambig.Storage: core library reaches Disambig.Grains.Abstractions.", messages);
        Assert.Contains("Disambig.Catalog: core library reaches Disambig.Grains.Abstractions (through another project).", messages);
    }

    [Fact]
    public void Checker_OnPipelineCommandsReferencingTheGrains_Fails()
    {
        PlantLayeredTree();
        Project("Disambig.Cli.Pipeline", references: ["Disambig.Grains.Abstractions", "Disambig.Silo", "Disambig.Grains"]);

        var violation = Assert.Single(LayeringRules.Violations(Fake));

        Assert.Equal(LayeringRule.PipelineCommandsOverContracts, violation.Rule);
    }

    [Fact]
    public void Checker_OnPipelineCommandsImportingAGrainsOnlyNamespace_NamesTheFileAndLine()
    {
        PlantLayeredTree();
        Write("src/Disambig.Grains.Abstractions/ISweepGrain.cs", "namespace Disambig.Grains;\n");
        Write("src/Disambig.Grains/Sweeps/SweepGrain.cs", "namespace Disambig.Grains.Sweeps;\n");
        Write("src/Disambig.Cli.Pipeline/SweepCommand.cs", "using Disambig.Grains;\nusing Disambig.Grains.Sweeps;\n\nnamespace Disambig.Cli.Pipeline;\n");

        var violation = Assert.Single(LayeringRules.Violations(Fake));

        Assert.Equal(LayeringRule.PipelineCommandsOverContracts, violation.Rule);
        Assert.StartsWith("Disambig.Cli.Pipeline: src/Disambig.Cli.Pipeline/SweepCommand.cs:2 imports Disambig.Grains.Sweeps", violation.Message);
    }

    [Theory]
    [InlineData("using TorchSharp;")]
    [InlineData("using static TorchSharp.torch;")]
    [InlineData("    var x = TorchSharp.torch.zeros(3);")]
    public void Checker_OnTorchSharpInTheGrains_NamesTheFileAndLine(string line)
    {
        PlantLayeredTree();
        Write("src/Disambig.Grains/Training/Runner.cs", $"namespace Disambig.Grains;\n{line}\n");

        var violation = Assert.Single(LayeringRules.Violations(Fake));

        Assert.Equal(LayeringRule.GrainsFreeOfTorchSharp, violation.Rule);
        Assert.StartsWith("Disambig.Grains: src/Disambig.Grains/Training/Runner.cs:2 uses TorchSharp", violation.Message);
    }

    [Fact]
    public void Checker_OnTorchSharpNamedOnlyInAComment_FindsNothing()
    {
        PlantLayeredTree();
        Write("src/Disambig.Grains/Notes.cs", "// Training calls TorchSharp.torch through Disambig.Embedding.\nnamespace Disambig.Grains;\n");

        Assert.Empty(LayeringRules.Violations(Fake));
    }

    /// <summary>A small repository laid out as this one: core libraries, contracts, grains, silo host and pipeline commands.</summary>
    private void PlantLayeredTree()
    {
        Project("Disambig.Storage");
        Project("Disambig.Catalog", references: ["Disambig.Storage"]);
        Project("Disambig.Audio");
        Project("Disambig.Grains.Abstractions", packages: ["Microsoft.Orleans.Sdk"]);
        Project("Disambig.Grains", references: ["Disambig.Grains.Abstractions", "Disambig.Catalog", "Disambig.Audio"], packages: ["Microsoft.Orleans.Server"]);
        Project("Disambig.Silo", references: ["Disambig.Grains.Abstractions", "Disambig.Grains"], packages: ["Microsoft.Orleans.Server"]);
        Project("Disambig.Cli.Pipeline", references: ["Disambig.Grains.Abstractions", "Disambig.Silo", "Disambig.Catalog"]);
        Write("src/Disambig.Grains/Grain.cs", "using Disambig.Catalog;\n\nnamespace Disambig.Grains;\n");
    }

    private void Project(string name, string[]? references = null, string[]? packages = null) => _repository.Project(name, references, packages);

    private void Write(string relative, string text) => _repository.Write(relative, text);

    public void Dispose() => _repository.Dispose();
}
