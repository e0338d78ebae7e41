using System.Data.Common;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace Disambig.Silo.Security;

/// <summary>How a cluster's silos and clients authenticate to Azure Storage.</summary>
public enum StorageAuthentication
{
    /// <summary>The account key or SAS inside the connection string (Azurite and local runs).</summary>
    ConnectionString,

    /// <summary>An Entra ID token from <see cref="DefaultAzureCredential"/> (workload identity in a cluster); no key.</summary>
    AzureIdentity,
}

/// <summary>
/// The storage of a cluster (Orleans membership and reminders in tables, grain state and the pipeline's stores in
/// blobs), chosen from <see cref="ClusterSiloSettings.StorageConnection"/>: a connection string carrying a credential
/// (<c>AccountKey</c>, <c>SharedAccessSignature</c> or <c>UseDevelopmentStorage</c>) signs with it; one naming only
/// the service URIs (<c>BlobEndpoint=https://...;TableEndpoint=https://...</c>, or <c>AccountName=...</c> with an
/// optional <c>EndpointSuffix</c>) authenticates with <see cref="DefaultAzureCredential"/>, which in a pod with Azure
/// workload identity is the federated managed identity. Error messages never repeat the connection string.
/// </summary>
public sealed class ClusterStorage
{
    private const string DefaultEndpointSuffix = "core.windows.net";
    private static readonly string[] CredentialKeys = ["AccountKey", "SharedAccessSignature", "UseDevelopmentStorage"];

    private readonly string? _connectionString;
    private readonly Lazy<TokenCredential> _credential;

    private ClusterStorage(string? connectionString, Uri? blobServiceUri, Uri? tableServiceUri, Func<TokenCredential> credential)
    {
        _connectionString = connectionString;
        BlobServiceUri = blobServiceUri;
        TableServiceUri = tableServiceUri;
        _credential = new Lazy<TokenCredential>(credential);
    }

    public StorageAuthentication Authentication => _connectionString is null ? StorageAuthentication.AzureIdentity : StorageAuthentication.ConnectionString;

    /// <summary>The blob service of <see cref="StorageAuthentication.AzureIdentity"/>; null with a connection string.</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>The table service of <see cref="StorageAuthentication.AzureIdentity"/>; null with a connection string.</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>Selects the authentication of <paramref name="storageConnection"/>; <see cref="ArgumentException"/> when it is neither form.</summary>
    /// <param name="credential">The token credential of the identity form; default <see cref="DefaultAzureCredential"/>, created on first use.</param>
    public static ClusterStorage Parse(string storageConnection, Func<TokenCredential>? credential = null)
    {
        if (string.IsNullOrWhiteSpace(storageConnection))
            throw new ArgumentException("The storage connection is empty: give a connection string, or the blob and table service URIs (BlobEndpoint=https://...;TableEndpoint=https://...).");
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = storageConnection;
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("The storage connection is not of the form Key=Value;Key=Value.");
        }

        credential ??= () => new DefaultAzureCredential();
        if (CredentialKeys.Any(parts.ContainsKey)) return new ClusterStorage(storageConnection, null, null, credential);
        var (blob, table) = ServiceUris(parts);
        return new ClusterStorage(null, blob, table, credential);
    }

    public BlobServiceClient BlobService() =>
        _connectionString is { } connection ? new BlobServiceClient(connection) : new BlobServiceClient(BlobServiceUri, _credential.Value);

    public TableServiceClient TableService() =>
        _connectionString is { } connection ? new TableServiceClient(connection) : new TableServiceClient(TableServiceUri, _credential.Value);

    private static (Uri Blob, Uri Table) ServiceUris(DbConnectionStringBuilder parts)
    {
        var blob = Value(parts, "BlobEndpoint");
        var table = Value(parts, "TableEndpoint");
        if (blob is not null || table is not null)
        {
            if (blob is null || table is null)
                throw new ArgumentException("The storage connection names only one service URI: identity access needs both BlobEndpoint and TableEndpoint.");
            return (HttpsUri("BlobEndpoint", blob), HttpsUri("TableEndpoint", table));
        }

        var account = Value(parts, "AccountName")
            ?? throw new ArgumentException("The storage connection has no credential (AccountKey, SharedAccessSignature) and names no service: give AccountName or BlobEndpoint and TableEndpoint.");
        var suffix = Value(parts, "EndpointSuffix") ?? DefaultEndpointSuffix;
        return (HttpsUri("AccountName", $"https://{account}.blob.{suffix}"), HttpsUri("AccountName", $"https://{account}.table.{suffix}"));
    }

    private static string? Value(DbConnectionStringBuilder parts, string key) =>
        parts.TryGetValue(key, out var value) && value is string text && text.Trim().Length > 0 ? text.Trim() : null;

    // Bearer tokens are only sent over HTTPS (the Azure SDK refuses otherwise): say so at start, not at the first call.
    private static Uri HttpsUri(string key, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new ArgumentException($"The storage connection's {key} does not give an https:// service URI ('{value}'): identity access needs HTTPS.");
}
