using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Disambig.TestSupport;

namespace Disambig.Storage.Tests;

/// <summary>What every <see cref="IBlobStore"/> must do, run against each backend.</summary>
public abstract class BlobStoreContract
{
    protected abstract IBlobStore Store { get; }

    protected static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<string> ReadTextAsync(string name)
    {
        await using var stream = await Store.OpenReadAsync(name, CancellationToken.None);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Write_ThenRead_ReturnsSameBytes()
    {
        await Store.WriteAsync("models/v1/meta.json", Text("{\"d\":32}"), CancellationToken.None);
        Assert.Equal("{\"d\":32}", await ReadTextAsync("models/v1/meta.json"));
    }

    [Fact]
    public async Task Write_Twice_ReplacesContentAndChangesETag()
    {
        var first = await Store.WriteAsync("results/a.json", Text("first"), CancellationToken.None);
        var second = await Store.WriteAsync("results/a.json", Text("second, longer"), CancellationToken.None);
        Assert.Equal("second, longer", await ReadTextAsync("results/a.json"));
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(second.ETag, (await Store.GetInfoAsync("results/a.json", CancellationToken.None))!.ETag);
    }

    [Fact]
    public async Task Write_FromAStreamPartlyRead_StoresTheRestAndSaysItsLength()
    {
        var content = Text("skip:kept");
        content.Position = "skip:".Length;

        var written = await Store.WriteAsync("results/rest.txt", content, CancellationToken.None);

        Assert.Equal("kept", await ReadTextAsync("results/rest.txt"));
        var info = await Store.GetInfoAsync("results/rest.txt", CancellationToken.None);
        Assert.Equal((4L, info!.ETag), (written.Length, written.ETag));
        Assert.Equal(4, info.Length);
    }

    [Fact]
    public async Task Write_FromAStreamThatCannotSeek_SaysTheLengthItStored()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', 70_000));

        var written = await Store.WriteAsync("results/forward.bin", new ForwardOnlyStream(bytes), CancellationToken.None);

        var info = await Store.GetInfoAsync("results/forward.bin", CancellationToken.None);
        Assert.Equal((bytes.LongLength, info!.ETag), (written.Length, written.ETag));
        Assert.Equal(bytes.LongLength, info.Length);
    }

    [Fact]
    public async Task List_WithPrefix_ReturnsOnlyThoseNamesInOrdinalOrder()
    {
        foreach (var name in new[] { "datasets/b/1.bin", "datasets/a/2.bin", "models/x.bin", "datasets/a/1.bin" })
        {
            await Store.WriteAsync(name, Text(name), CancellationToken.None);
        }
        var listed = new List<string>();
        await foreach (var name in Store.ListAsync("datasets/", CancellationToken.None)) listed.Add(name);
        Assert.Equal(new[] { "datasets/a/1.bin", "datasets/a/2.bin", "datasets/b/1.bin" }, listed);
    }

    [Fact]
    public async Task ListInfo_OfAFolder_GivesTheSameETagsAsGetInfoInOneListing()
    {
        foreach (var name in new[] { "audio/r2/02.flac", "audio/r2/01.flac", "audio/r20/01.flac", "audio/r1/01.flac" })
        {
            await Store.WriteAsync(name, Text(name), CancellationToken.None);
        }
        var listed = new List<BlobInfo>();
        await foreach (var info in Store.ListInfoAsync("audio/r2/", CancellationToken.None)) listed.Add(info);

        Assert.Equal(new[] { "audio/r2/01.flac", "audio/r2/02.flac" }, listed.Select(info => info.Name));
        foreach (var info in listed)
        {
            var single = await Store.GetInfoAsync(info.Name, CancellationToken.None);
            Assert.Equal((single!.ETag, single.Length), (info.ETag, info.Length));
        }
        await foreach (var info in Store.ListInfoAsync("audio/none/", CancellationToken.None)) Assert.Fail($"listed {info.Name}");
    }

    [Fact]
    public async Task OpenRead_MissingObject_ThrowsNotFoundNamingIt()
    {
        var error = await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync("nothing/here.bin", CancellationToken.None));
        Assert.Contains("nothing/here.bin", error.Message);
        Assert.Null(await Store.GetInfoAsync("nothing/here.bin", CancellationToken.None));
    }

    [Fact]
    public async Task Delete_ExistingThenMissing_ReportsWhetherItDeleted()
    {
        await Store.WriteAsync("tmp/x", Text("x"), CancellationToken.None);
        Assert.True(await Store.DeleteAsync("tmp/x", CancellationToken.None));
        Assert.False(await Store.DeleteAsync("tmp/x", CancellationToken.None));
    }

    [Fact]
    public async Task LocalFile_OfAnObject_HoldsItsBytesAndOnlyADownloadIsDeletedOnDispose()
    {
        await Store.WriteAsync("catalog/audio/a.mp3", Text("not really mp3"), CancellationToken.None);

        string path;
        await using (var file = await LocalBlobFile.OpenAsync(Store, "catalog/audio/a.mp3", CancellationToken.None))
        {
            path = file.Path;
            Assert.Equal("not really mp3", await File.ReadAllTextAsync(path));
            Assert.EndsWith(".mp3", path);
        }

        Assert.Equal(Store is ILocalBlobFiles, File.Exists(path));
        Assert.Equal("not really mp3", await ReadTextAsync("catalog/audio/a.mp3"));
    }

    [Theory]
    [InlineData("../outside.bin")]
    [InlineData("models/../../outside.bin")]
    [InlineData("/etc/passwd")]
    [InlineData("models\\x.bin")]
    [InlineData("models//x.bin")]
    public async Task Write_NameEscapingTheStore_IsRejectedBeforeAnyIo(string name)
    {
        var error = await Assert.ThrowsAsync<InvalidBlobNameException>(() => Store.WriteAsync(name, Text("x"), CancellationToken.None));
        Assert.Equal(name, error.BlobName);
    }
}

/// <summary>A stream read front to back that cannot seek nor say its length (a network download, a pipe).</summary>
internal sealed class ForwardOnlyStream(byte[] bytes) : Stream
{
    private readonly MemoryStream _inner = new(bytes, writable: false);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

public sealed class LocalFolderBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"disambig-store-{Guid.NewGuid():N}");

    public LocalFolderBlobStoreTests() => Store = new LocalFolderBlobStore(_root);

    protected override IBlobStore Store { get; }

    [Fact]
    public async Task Write_LeavesNoPartialFileBehind()
    {
        await Store.WriteAsync("a/b.bin", new MemoryStream(new byte[100_000]), CancellationToken.None);
        Assert.Equal(new[] { "b.bin" }, Directory.GetFiles(Path.Combine(_root, "a")).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

public sealed class AzureBlobStoreTests(AzuriteContainer azurite) : BlobStoreContract, IClassFixture<AzuriteContainer>
{
    protected override IBlobStore Store { get; } = new AzureBlobStore(azurite.Container, $"run-{Guid.NewGuid():N}/");

    [Fact]
    public async Task LocalFile_MissingObject_ThrowsNotFoundAndLeavesNoTemporaryFile()
    {
        // The download keeps the extension; one of its own tells this test's file from other tests' downloads.
        var extension = $".x{Guid.NewGuid():N}";

        await Assert.ThrowsAsync<BlobNotFoundException>(() => LocalBlobFile.OpenAsync(Store, "catalog/none" + extension, CancellationToken.None));

        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "disambig-*" + extension));
    }

    [Fact]
    public async Task WriteAndRead_OfASmallObject_TakeOneRequestEach()
    {
        var requests = new RequestLog();
        var options = new BlobClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        var store = new AzureBlobStore(new BlobServiceClient(AzuriteContainer.ConnectionString(), options).GetBlobContainerClient(azurite.Container.Name),
            $"run-{Guid.NewGuid():N}/");
        await store.WriteAsync("warm-up", Text("the container is known to exist after this"), CancellationToken.None);
        requests.Clear();

        var written = await store.WriteAsync("names/a.json", Text("{\"a\":1}"), CancellationToken.None);
        Assert.Equal(["PUT"], requests.Methods);
        requests.Clear();
        await using (var stream = await store.OpenReadAsync("names/a.json", CancellationToken.None))
        {
            using var reader = new StreamReader(stream);
            Assert.Equal("{\"a\":1}", await reader.ReadToEndAsync());
        }
        Assert.Equal(["GET"], requests.Methods);
        requests.Clear();
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.OpenReadAsync("names/none.json", CancellationToken.None));
        Assert.Equal(["GET"], requests.Methods);
        Assert.Equal(written.ETag, (await store.GetInfoAsync("names/a.json", CancellationToken.None))!.ETag);
    }

    /// <summary>The methods of the requests sent through a client's pipeline, in order.</summary>
    private sealed class RequestLog : HttpPipelineSynchronousPolicy
    {
        private readonly List<string> _methods = [];

        public IReadOnlyList<string> Methods
        {
            get
            {
                lock (_methods) return [.. _methods];
            }
        }

        public void Clear()
        {
            lock (_methods) _methods.Clear();
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            lock (_methods) _methods.Add(message.Request.Method.Method);
        }
    }

    [Fact]
    public void Location_NeverShowsTheAccountKey()
    {
        var key = AzuriteContainer.ConnectionString().Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        Assert.DoesNotContain(key, Store.Location);
        Assert.Contains(azurite.Container.Name, Store.Location);
    }
}
