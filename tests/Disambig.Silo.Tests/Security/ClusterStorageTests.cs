using Azure.Core;
using Disambig.Silo.Security;

namespace Disambig.Silo.Tests.Security;

public sealed class ClusterStorageTests
{
    private const string AccountKey = "c2VjcmV0LWtleS1vZi10aGUtdGVzdC1hY2NvdW50LW5vdC1yZWFs";

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=disambig;AccountKey=" + AccountKey + ";EndpointSuffix=core.windows.net")]
    [InlineData("BlobEndpoint=https://disambig.blob.core.windows.net;TableEndpoint=https://disambig.table.core.windows.net;SharedAccessSignature=sv=2024&sig=abc")]
    public void Parse_ConnectionStringWithCredential_SignsWithItAndNeverAsksForAToken(string connection)
    {
        var storage = ClusterStorage.Parse(connection, () => throw new InvalidOperationException("No token credential for a key."));

        Assert.Equal(StorageAuthentication.ConnectionString, storage.Authentication);
        Assert.Null(storage.BlobServiceUri);
        Assert.NotNull(storage.BlobService());
        Assert.NotNull(storage.TableService());
    }

    [Fact]
    public void Parse_ServiceUrisWithoutCredential_UsesTheTokenCredentialOnThoseUris()
    {
        var credentials = 0;
        var storage = ClusterStorage.Parse(
            "BlobEndpoint=https://disambig.blob.core.windows.net/;TableEndpoint=https://disambig.table.core.windows.net/",
            () => { credentials++; return new FixedToken(); });

        var blobs = storage.BlobService();
        var tables = storage.TableService();

        Assert.Equal(StorageAuthentication.AzureIdentity, storage.Authentication);
        Assert.Equal(new Uri("https://disambig.blob.core.windows.net/"), blobs.Uri);
        Assert.Equal("disambig", blobs.AccountName);
        Assert.Equal("disambig", tables.AccountName);
        // One credential for every client: its token cache is shared.
        Assert.Equal(1, credentials);
    }

    [Theory]
    [InlineData("AccountName=disambig", "https://disambig.blob.core.windows.net/", "https://disambig.table.core.windows.net/")]
    [InlineData("AccountName=disambig;EndpointSuffix=core.chinacloudapi.cn", "https://disambig.blob.core.chinacloudapi.cn/", "https://disambig.table.core.chinacloudapi.cn/")]
    public void Parse_AccountNameWithoutCredential_DerivesTheServiceUris(string connection, string blob, string table)
    {
        var storage = ClusterStorage.Parse(connection);

        Assert.Equal(StorageAuthentication.AzureIdentity, storage.Authentication);
        Assert.Equal(new Uri(blob), storage.BlobServiceUri);
        Assert.Equal(new Uri(table), storage.TableServiceUri);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not a connection string", "Key=Value")]
    [InlineData("BlobEndpoint=https://disambig.blob.core.windows.net", "TableEndpoint")]
    [InlineData("BlobEndpoint=http://disambig.blob.core.windows.net;TableEndpoint=http://disambig.table.core.windows.net", "https://")]
    [InlineData("DefaultEndpointsProtocol=https;EndpointSuffix=core.windows.net", "AccountName")]
    public void Parse_NeitherForm_ThrowsNamingWhatIsMissing(string connection, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterStorage.Parse(connection));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedConnectionWithAKey_DoesNotRepeatTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterStorage.Parse($"AccountName=disambig;AccountKey={AccountKey};'broken"));

        Assert.DoesNotContain(AccountKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterSiloSettings_Validate_IdentityConnection_IsAcceptedAndAKeylessHttpOneIsNot()
    {
        new ClusterSiloSettings { StorageConnection = "BlobEndpoint=https://d.blob.core.windows.net;TableEndpoint=https://d.table.core.windows.net" }.Validate();

        Assert.Throws<ArgumentException>(() => new ClusterSiloSettings { StorageConnection = "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1" }.Validate());
    }

    private sealed class FixedToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
