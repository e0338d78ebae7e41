using Disambig.Catalog.Demo;
using Disambig.Cli.Pipeline;
using Disambig.TestSupport;

namespace Disambig.Cli.Tests;

/// <summary><c>disambig run --catalog</c> names a catalog as the lab commands do: a folder holding catalog.jsonl, or that file.</summary>
public sealed class RunCatalogTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void LocateCatalog_OfAFolderOrItsCatalogFile_GivesTheFolderAsRootAndItsCatalogFile()
    {
        var folder = _folder["shelf"];
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, DemoCatalogGenerator.CatalogFileName);
        File.WriteAllText(file, "");

        Assert.Equal((folder, file), RunCommand.LocateCatalog(_folder["work"], folder));
        Assert.Equal((folder, file), RunCommand.LocateCatalog(_folder["work"], file));
    }

    [Fact]
    public void LocateCatalog_WithoutACatalog_IsTheDemoCatalogOfTheWorkFolder()
    {
        var demo = Path.Combine(_folder["work"], "demo-catalog");

        Assert.Equal((demo, Path.Combine(demo, DemoCatalogGenerator.CatalogFileName)), RunCommand.LocateCatalog(_folder["work"], null));
    }
}
