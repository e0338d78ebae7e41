using Disambig.Catalog.Demo;
using Disambig.Grains.Tests.Fixtures;

namespace Disambig.Grains.Tests;

[Collection(PipelineCollection.Name)]
public sealed class TrainerTests(PipelineFixture fixture)
{
    [Fact]
    public async Task TrainingJob_FromADatasetInTheStore_RegistersItsModelAndTheNextSweepUsesOnlyTheNewModel()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, "worker,trainer", "inference");
        var before = await cluster.SweepAsync("before-training");
        CopyFolder(fixture.Catalog.Folder, Path.Combine(cluster.DatasetsFolder, "demo"));
        var trainer = cluster.Client.GetGrain<ITrainerGrain>("job-1");

        var started = await trainer.Start(new TrainingJobRequest($"demo/{DemoCatalogGenerator.CatalogFileName}", "trained-1", Steps: 2, Seed: 3, MakeCurrent: true, SegmentSeconds: TinyModel.SegmentSeconds));
        var status = started;
        // A bound on polls, not a timed assertion.
        for (var poll = 0; status.State == TrainingJobState.Running; poll++)
        {
            if (poll > 3000) throw new TimeoutException($"Training did not finish: {status}");
            await Task.Delay(100);
            status = await trainer.GetStatus();
        }

        Assert.Equal(TrainingJobState.Running, started.State);
        Assert.Equal(TrainingJobState.Completed, status.State);
        Assert.Equal(2, status.StepsDone);
        Assert.True(File.Exists(Path.Combine(fixture.ModelsFolder, "trained-1", "model.bin")));
        var current = await cluster.Client.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).GetCurrent();
        Assert.Equal("trained-1", current?.Version);
        Assert.Equal(status.Model, current);
        var again = await trainer.Start(new TrainingJobRequest("other/catalog.jsonl", "other", Steps: 1, Seed: 1, MakeCurrent: true));
        Assert.Equal(status, again);
        var jobs = await cluster.Client.GetGrain<ITrainingJobsGrain>(TrainingJobs.DefaultKey).List();
        Assert.Equal("job-1", Assert.Single(jobs).JobId);
        Assert.Equal("trained-1", jobs[0].Request.ModelVersion);

        var after = await cluster.SweepAsync("after-training");
        Assert.Equal(TinyModel.Version, before.Model.Version);
        Assert.Equal("trained-1", after.Model.Version);
        Assert.Equal(0, after.Progress.TracksCached);
        Assert.Equal(fixture.Catalog.Tracks.Count, after.Progress.TracksEmbedded);
        Assert.All((await cluster.ResultsAsync()).Values, result => Assert.Equal("trained-1", result.Model.Version));
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}
