namespace Disambig.Build.Tests.Layering;

/// <summary>docs/architecture.md's Layers table says what the project files reference, so the page stays true.</summary>
public sealed class ArchitectureDocTests : IDisposable
{
    private readonly FakeRepository _repository = new();

    [Fact]
    public void LayersTable_OfThisRepository_NamesExactlyEachProjectsReferences()
    {
        var mismatches = ArchitectureDoc.Mismatches(ProjectGraph.FindRepositoryRoot());

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public void Mismatches_OfARowMissingAReference_SayWhatTheRowShouldName()
    {
        _repository.Project("Disambig.Storage");
        _repository.Project("Disambig.Catalog", ["Disambig.Storage"]);
        _repository.Project("Disambig.Audio", ["Disambig.Storage", "Disambig.Catalog"]);
        _repository.Write(ArchitectureDoc.RelativePath, """
            # Architecture
            ## Layers (each a project under `src/`)
            | project | owns | depends on |
            |---|---|---|
            | `Disambig.Storage` | blobs | Azure.Storage.Blobs |
            | `Disambig.Catalog` | records | Storage, FFmpeg (demo encoding, not Audio) |
            | `Disambig.Audio` | decoding | Storage |
            | `Disambig.Gone` | nothing | Storage |
            ## Data flow
            | `Disambig.Audio` | not a layer row | nothing |
            """);

        var mismatches = ArchitectureDoc.Mismatches(_repository.Root);

        Assert.Equal([
            "Disambig.Audio: docs/architecture.md says it depends on [Disambig.Storage], its project file references [Disambig.Catalog, Disambig.Storage]; the row should name: Catalog, Storage.",
            "Disambig.Gone: docs/architecture.md has a row for it, but there is no such project under src/.",
        ], mismatches);
    }

    public void Dispose() => _repository.Dispose();
}
