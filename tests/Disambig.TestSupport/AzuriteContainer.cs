using Azure.Storage.Blobs;

namespace Disambig.TestSupport;

/// <summary>
/// A fresh blob container on the Azurite that tools/test.sh started, deleted when the test ends.
/// A missing connection is a failure, never a skip: the test command always provides one.
/// </summary>
public sealed class AzuriteContainer : IAsyncLifetime
{
    public const string ConnectionVariable = "DISAMBIG_TEST_BLOB_CONNECTION";

    public BlobContainerClient Container { get; } = new BlobServiceClient(ConnectionString())
        .GetBlobContainerClient($"test-{Guid.NewGuid():N}");

    public static string ConnectionString() =>
        Environment.GetEnvironmentVariable(ConnectionVariable)
        ?? throw new InvalidOperationException($"{ConnectionVariable} is not set: run the tests through tools/test.sh, which starts Azurite.");

    public Task InitializeAsync() => Container.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Container.DeleteIfExistsAsync();
}
