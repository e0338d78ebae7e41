using System.CommandLine;
using Disambig.Datasets.Recipes;
using Disambig.Storage;

namespace Disambig.Cli.Commands;

/// <summary>Where a catalog is: a local folder or file, or a folder or file in a blob container.</summary>
internal sealed record CatalogLocation(string Catalog, string? BlobConnection, string Container)
{
    /// <exception cref="FileNotFoundException">A local catalog does not exist.</exception>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    public CatalogSource Open() => BlobConnection is { } connection
        ? CatalogSource.FromStore(AzureBlobStore.Connect(connection, Container), Catalog)
        : CatalogSource.FromLocal(Catalog);
}

/// <summary>The options that name a catalog (<c>--catalog</c>, <c>--catalog-blob-connection</c>, <c>--catalog-container</c>), shared by the commands that read one.</summary>
internal sealed class CatalogOptions
{
    private readonly Option<string> _catalog;
    private readonly Option<string?> _connection = new("--catalog-blob-connection") { Description = "Azure Storage connection string: read the catalog and its audio from a blob container." };
    private readonly Option<string> _container = new("--catalog-container") { Description = "Blob container of the catalog (with --catalog-blob-connection).", DefaultValueFactory = _ => "catalog" };

    /// <param name="role">What the catalog is for, in the option's help.</param>
    public CatalogOptions(string role) => _catalog = new Option<string>("--catalog")
    {
        Description = $"{role}: a catalog folder (catalog.jsonl and the audio) or catalog.jsonl file; with --catalog-blob-connection, "
            + "that folder or file in the catalog container (\"/\" for its root).",
        Required = true,
    };

    public IEnumerable<Option> All => [_catalog, _connection, _container];

    public CatalogLocation Parse(ParseResult parse) =>
        new(parse.GetRequiredValue(_catalog), parse.GetValue(_connection), parse.GetRequiredValue(_container));
}
