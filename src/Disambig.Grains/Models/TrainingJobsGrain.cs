using Disambig.Grains.Hosting;

namespace Disambig.Grains.Models;

/// <summary>What the job list persists.</summary>
[GenerateSerializer, Alias("Disambig.TrainingJobsState")]
public sealed class TrainingJobsState
{
    [Id(0)] public List<TrainingJobEntry> Jobs { get; set; } = [];
}

/// <summary>The training jobs ever started in the cluster, oldest first.</summary>
internal sealed class TrainingJobsGrain(
    [PersistentState("training-jobs", GrainStorage.Name)] IPersistentState<TrainingJobsState> state) : Grain, ITrainingJobsGrain
{
    public async Task Add(TrainingJobEntry job)
    {
        if (state.State.Jobs.Any(j => j.JobId == job.JobId)) return;
        state.State.Jobs.Add(job);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<TrainingJobEntry>> List() => Task.FromResult<IReadOnlyList<TrainingJobEntry>>(state.State.Jobs.ToList());
}
