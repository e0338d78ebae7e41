using System.Net;
using System.Net.Sockets;
using System.Text;
using Disambig.Silo.Bench;
using Disambig.Storage;
using Disambig.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Disambig.Silo.Tests.Bench;

/// <summary>The scale benchmark's storage operation counts (<c>GET /bench/sizes</c>, "storage operations per name").</summary>
public sealed class StorageCountingTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("results", "names/the%20beatles.json", "name result")]
    [InlineData("results", "names/the%20beatles/tracks/00001-ab12.json", "name track page")]
    [InlineData("results", "names/the%20beatles/tracks/", "name track page")]
    [InlineData("results", "sweeps/s-1/p007/chunk-000003.jsonl", "sweep chunk")]
    [InlineData("results", "sweeps/s-1/p007/plan-000000.jsonl", "sweep plan")]
    [InlineData("results", "sweeps/s-1.json", "sweep report")]
    [InlineData("results", "aliases/manifest.json", "aliases")]
    [InlineData("results", "probe", "results other")]
    [InlineData("catalog", "r1n2/a.mp3", "catalog")]
    [InlineData("models", "v1/model.bin", "models")]
    public void BlobKind_NamesEachPipelineBlob(string store, string name, string kind) =>
        Assert.Equal(kind, BenchBlobKinds.Of(store, name));

    [Fact]
    public async Task CountingStore_CountsEachOperationByKindAndVerb_AndKeepsLocalFiles()
    {
        var sizes = new BenchSizes();
        var store = CountingBlobStore.Over(new LocalFolderBlobStore(_folder.Path), "results", sizes);

        await store.WriteAsync("names/a.json", new MemoryStream("{}"u8.ToArray()), CancellationToken.None);
        await store.WriteAsync("names/b.json", new MemoryStream("{}"u8.ToArray()), CancellationToken.None);
        await using (await store.OpenReadAsync("names/a.json", CancellationToken.None))
        {
        }
        Assert.Null(await store.GetInfoAsync("sweeps/s-1/p000/chunk-000000.jsonl", CancellationToken.None));
        await foreach (var _ in store.ListInfoAsync("names/a/tracks/", CancellationToken.None))
        {
        }
        await store.DeleteAsync("names/b.json", CancellationToken.None);

        Assert.Equal(new Dictionary<string, long>
        {
            ["blob name result: delete"] = 1,
            ["blob name result: read"] = 1,
            ["blob name result: write"] = 2,
            ["blob name track page: list"] = 1,
            ["blob sweep chunk: info"] = 1,
        }, sizes.Report().Operations);
        // A local store stays one: its objects are opened in place, not copied.
        await using var file = await LocalBlobFile.OpenAsync(store, "names/a.json", CancellationToken.None);
        Assert.Equal(Path.Combine(_folder.Path, "names", "a.json"), file.Path);
    }

    [Fact]
    public async Task GrainStorage_CountsReadsWritesAndClearsByStateName()
    {
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var sizes = new BenchSizes();
        var storage = new SizeRecordingGrainStorage(new MemoryGrainStorageStub(), services.GetRequiredService<Serializer>(), sizes);
        var grain = GrainId.Create("track", "t1");
        var state = new GrainState<string>("vector");

        await storage.ReadStateAsync("track", grain, state);
        await storage.WriteStateAsync("track", grain, state);
        await storage.WriteStateAsync("name", grain, state);
        await storage.ClearStateAsync("track", grain, state);

        var report = sizes.Report();
        Assert.Equal(new Dictionary<string, long>
        {
            ["state name: write"] = 1,
            ["state track: clear"] = 1,
            ["state track: read"] = 1,
            ["state track: write"] = 1,
        }, report.Operations);
        Assert.True(report.LargestStateBytes > 0);
    }

    [Theory]
    [InlineData("PUT", "http://127.0.0.1:10000/devstoreaccount1/tab12-state/name_x", "201", "tab12-", "http PUT state")]
    [InlineData("GET", "http://127.0.0.1:10000/devstoreaccount1/tab12-state/track_t1", "404", "tab12-", "http GET state (404)")]
    [InlineData("GET", "http://127.0.0.1:10002/devstoreaccount1/OrleansSiloInstances()?$filter=x", "200", "tab12-", "http GET OrleansSiloInstances")]
    [InlineData("PATCH", "http://localhost:10002/devstoreaccount1/OrleansReminders(PartitionKey='a',RowKey='b')", "204", "", "http PATCH OrleansReminders")]
    [InlineData("HEAD", "https://account.blob.core.windows.net/results/names/a.json", "200", "", "http HEAD results")]
    [InlineData("PUT", "http://127.0.0.1:10000/devstoreaccount1/results?restype=container", "409", "", "http PUT results (409)")]
    [InlineData("GET", null, "no answer", "", "http GET ? (no answer)")]
    public void RequestKind_IsMethodTargetAndFailure(string method, string? url, string status, string prefix, string kind) =>
        Assert.Equal(kind, StorageRequestCounter.Kind(method, url, status, prefix));

    [Fact]
    public async Task RequestCounter_CountsTheRequestsThisProcessSends()
    {
        var sizes = new BenchSizes();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = AnswerAsync(listener, 2);
        using (new StorageRequestCounter(sizes, "t1-"))
        using (var client = new HttpClient())
        {
            await client.PutAsync($"http://127.0.0.1:{port}/devstoreaccount1/t1-state/track_a", new ByteArrayContent([1]));
            await client.GetAsync($"http://127.0.0.1:{port}/devstoreaccount1/t1-state/track_b");
        }
        await server;

        var operations = sizes.Report().Operations;
        Assert.Equal(1, operations.GetValueOrDefault("http PUT state"));
        Assert.Equal(1, operations.GetValueOrDefault("http GET state"));
    }

    [Fact]
    public void ProcessCpu_ReadsUserAndSystemTimeAfterTheCommandName()
    {
        // utime 250 and stime 50 ticks (fields 14 and 15), after a command name holding a space and a parenthesis.
        const string stat = "4242 (node) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 11 0 100 1000 100 0";

        Assert.Equal(TimeSpan.FromSeconds(3), ProcessCpu.Parse(stat));
        Assert.True(ProcessCpu.Of(Environment.ProcessId) > TimeSpan.Zero);
        Assert.Throws<FormatException>(() => ProcessCpu.Parse("not a stat line"));
    }

    /// <summary>Answers <paramref name="requests"/> HTTP/1.1 requests, one per connection, with 200 and no content.</summary>
    private static async Task AnswerAsync(TcpListener listener, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            using var socket = await listener.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            var received = new StringBuilder();
            var buffer = new byte[4096];
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0) break;
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
        }
    }

    /// <summary>A grain storage that keeps nothing (the decorator's counts are what is tested).</summary>
    private sealed class MemoryGrainStorageStub : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
    }
}
