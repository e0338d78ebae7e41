using Disambig.Catalog;
using Disambig.Catalog.Demo;
using Disambig.TestSupport;

namespace Disambig.Datasets.Tests;

/// <summary>
/// A demo catalog with real audio, generated once for the recipe build tests: 5 artists x 4 tracks of 10 to 12 s on
/// 2 albums each, plus one extra track of the first artist whose "audio" is a text file.
/// </summary>
public sealed class TinyDemoCatalog : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();

    /// <summary>The catalog's folder: catalog.jsonl and audio/.</summary>
    public string Folder => _folder.Path;

    public string CatalogFile => Path.Combine(_folder.Path, DemoCatalogGenerator.CatalogFileName);

    public CatalogTrack BrokenTrack { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new DemoCatalogOptions
        {
            Artists = 5, TracksPerArtist = 4, AlbumsPerArtist = 2, MinTrackSeconds = 10, MaxTrackSeconds = 12,
            HomonymGroups = 0, Formats = [DemoAudioFormat.Flac, DemoAudioFormat.Mp3], MaxParallelism = 2, Seed = 11,
        };
        var plan = await DemoCatalogGenerator.GenerateAsync(options, _folder.Path);
        var first = plan.Tracks[0].Track;
        BrokenTrack = first with { TrackId = "trk-broken", Title = "Not audio", AudioPath = "audio/broken.mp3" };
        await File.WriteAllTextAsync(_folder["audio/broken.mp3"], "this is not an mp3 file");
        await CatalogJsonLines.WriteFileAsync(CatalogFile, plan.Tracks.Select(t => t.Track).Append(BrokenTrack));
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class TinyDemoCatalogCollection : ICollectionFixture<TinyDemoCatalog>
{
    public const string Name = "tiny demo catalog";
}
