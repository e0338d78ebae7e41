using Disambig.Grains.Hosting;
using Disambig.Grains.Placement;
using Disambig.Grains.Services;
using Microsoft.Extensions.Logging;

namespace Disambig.Grains.Models;

/// <summary>What a trainer grain persists: the job as asked and where it is.</summary>
[GenerateSerializer, Alias("Disambig.TrainingJobBook")]
public sealed class TrainingJobBook
{
    [Id(0)] public TrainingJobRequest? Request { get; set; }

    [Id(1)] public TrainingJobStatus? Status { get; set; }
}

/// <summary>
/// One training job on a trainer-role silo: the training runs as background work; the grain reports its progress,
/// registers the checkpoint in the model registry, and restarts the job if its silo was lost while it ran.
/// </summary>
[TrainerRolePlacement]
internal sealed partial class TrainerGrain(
    [PersistentState("training", GrainStorage.Name)] IPersistentState<TrainingJobBook> book,
    ITrainingRunner runner,
    TimeProvider time,
    ILogger<TrainerGrain> logger) : Grain, ITrainerGrain
{
    private readonly LatestStep _latest = new();

    private string JobId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (book.State.Status?.State == TrainingJobState.Running) Launch(book.State.Request!);
        return Task.CompletedTask;
    }

    public async Task<TrainingJobStatus> Start(TrainingJobRequest request)
    {
        if (book.State.Request is not null) return await GetStatus();
        book.State.Request = request;
        book.State.Status = new TrainingJobStatus(JobId, TrainingJobState.Running, 0, request.Steps, double.NaN, null, null);
        await book.WriteStateAsync();
        await GrainFactory.GetGrain<ITrainingJobsGrain>(TrainingJobs.DefaultKey).Add(new TrainingJobEntry(JobId, request, time.GetUtcNow()));
        Launch(request);
        return book.State.Status;
    }

    public Task<TrainingJobStatus> GetStatus()
    {
        var status = book.State.Status ?? new TrainingJobStatus(JobId, TrainingJobState.NotStarted, 0, 0, double.NaN, null, null);
        return Task.FromResult(status.State == TrainingJobState.Running && _latest.Step is { } step
            ? status with { StepsDone = step.Step, Loss = step.Loss }
            : status);
    }

    private void Launch(TrainingJobRequest request)
    {
        // Training takes minutes without incoming calls; keep the activation (and its background work) alive meanwhile.
        this.DelayDeactivation(TimeSpan.FromDays(1));
        _ = RunAsync(request);
    }

    private async Task RunAsync(TrainingJobRequest request)
    {
        LogStarted(JobId, request.ModelVersion, request.Steps);
        TrainingJobStatus status;
        try
        {
            var model = await runner.TrainAsync(JobId, request, _latest, CancellationToken.None);
            await GrainFactory.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(model, request.MakeCurrent);
            status = new TrainingJobStatus(JobId, TrainingJobState.Completed, request.Steps, request.Steps, _latest.Step?.Loss ?? double.NaN, model, null);
            LogCompleted(JobId, model.Version, model.Threshold);
        }
        catch (Exception e)
        {
            status = new TrainingJobStatus(JobId, TrainingJobState.Failed, _latest.Step?.Step ?? 0, request.Steps, _latest.Step?.Loss ?? double.NaN, null, e.Message);
            LogFailed(e, JobId);
        }
        book.State.Status = status;
        await book.WriteStateAsync();
        this.DelayDeactivation(TimeSpan.Zero);
    }

    /// <summary>The latest step reported from the training thread.</summary>
    private sealed class LatestStep : IProgress<TrainingStep>
    {
        private TrainingStep? _step;

        public TrainingStep? Step => Volatile.Read(ref _step);

        public void Report(TrainingStep value) => Volatile.Write(ref _step, value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training job {JobId} started: model {Version}, {Steps} steps")]
    private partial void LogStarted(string jobId, string version, int steps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training job {JobId} registered model {Version} (threshold {Threshold})")]
    private partial void LogCompleted(string jobId, string version, double threshold);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training job {JobId} failed")]
    private partial void LogFailed(Exception error, string jobId);
}
