using Disambig.Grains;
using Disambig.Grains.Catalog;
using Disambig.Storage;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;

namespace Disambig.Silo.Tests;

/// <summary>The model says how it wants its audio: the embedded silo sweeps a 9 s model whatever its own audio options say.</summary>
public sealed class EmbeddedModelSegmentLengthTests
{
    private const string NineSecondVersion = "tiny-9s";

    /// <summary>Longest wait for the sweep; only a hung pipeline reaches it.</summary>
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Sweep_NineSecondModelOnAnEmbeddedSiloOfThreeSecondOptions_EmbedsEveryTrack()
    {
        using var catalog = await DemoCatalog.GenerateAsync();
        using var folder = new TemporaryFolder();
        var work = new WorkFolder(folder.Path);
        await TinyModel.WriteCheckpointAsync(new LocalFolderBlobStore(work.Models), NineSecondVersion, segmentSeconds: 9);
        await using var silo = await EmbeddedPipeline.StartAsync(new EmbeddedPipelineSettings
        {
            WorkFolder = work.Root,
            CatalogFolder = catalog.Folder,
            // The host's own segment length (the embedded silo's old 3 s constant): the model's 9 s must win.
            Audio = TinyModel.Audio,
            Pipeline = options =>
            {
                options.PollInterval = TimeSpan.FromMilliseconds(300);
                options.RetryDelay = TimeSpan.FromMilliseconds(100);
            },
        }, CancellationToken.None);
        await silo.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey)
            .Register(new ModelVersionInfo(NineSecondVersion, 0.5, 32, DateTimeOffset.UnixEpoch, "test", SegmentSeconds: 9), makeCurrent: true);
        await silo.Grains.GetGrain<ICatalogGrain>(CatalogKeys.Default).Ingest([.. catalog.Entries]);

        var started = await silo.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).StartFullSweep();
        var progress = await SweepWait.UntilFinishedAsync(silo.Grains, started.SweepId, SweepTimeout);

        Assert.Equal((NineSecondVersion, 9), (progress.Model!.Version, progress.Model.AudioSegmentSeconds));
        Assert.Equal(catalog.Tracks.Count, progress.TracksEmbedded);
        // Only the three poison tracks fail, for their audio; no track is refused by the model.
        Assert.Equal(3, progress.TracksFailed);
        Assert.DoesNotContain(TrackFailureReason.EmbeddingFailed, progress.TracksFailedByReason.Keys);
        Assert.Equal(progress.NamesTotal, progress.NamesDone);
    }
}
