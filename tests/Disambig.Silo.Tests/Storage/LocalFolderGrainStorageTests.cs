using Disambig.Silo.Storage;
using Disambig.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Disambig.Silo.Tests.Storage;

/// <summary>
/// The embedded default's grain storage honours the empty entity tag as Azure blobs do: a state written without one
/// is created only if none exists (what lets a new track skip reading a state that cannot exist).
/// </summary>
public sealed class LocalFolderGrainStorageTests : IDisposable
{
    private static readonly GrainId Grain = GrainId.Create("track", "t1");
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Write_WithoutAnEntityTag_CreatesTheState_AndIsRefusedWhenOneExists_LeavingItAsItWas()
    {
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var storage = new LocalFolderGrainStorage(_folder.Path, services.GetRequiredService<Serializer>());
        var created = new GrainState<List<string>>(["first"]);
        await storage.WriteStateAsync("track", Grain, created);

        var blind = new GrainState<List<string>>(["second"]);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("track", Grain, blind));

        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync("track", Grain, read);
        Assert.Equal(["first"], read.State);
        Assert.True(read.RecordExists);
        // With the tag of what was read, the write goes through; no temporary file is left behind.
        read.State = ["third"];
        await storage.WriteStateAsync("track", Grain, read);
        var again = new GrainState<List<string>>();
        await storage.ReadStateAsync("track", Grain, again);
        Assert.Equal(["third"], again.State);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Write_WithoutAnEntityTag_AfterTheStateWasCleared_CreatesItAgain()
    {
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var storage = new LocalFolderGrainStorage(_folder.Path, services.GetRequiredService<Serializer>());
        var state = new GrainState<List<string>>(["first"]);
        await storage.WriteStateAsync("track", Grain, state);
        await storage.ClearStateAsync("track", Grain, state);

        await storage.WriteStateAsync("track", Grain, new GrainState<List<string>>(["again"]));

        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync("track", Grain, read);
        Assert.Equal(["again"], read.State);
    }
}
