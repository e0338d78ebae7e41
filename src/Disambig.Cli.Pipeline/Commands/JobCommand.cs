using System.CommandLine;
using System.Globalization;
using Disambig.Grains;
using Disambig.Silo;
using Disambig.Storage;

namespace Disambig.Cli.Pipeline;

/// <summary>
/// <c>disambig job submit | list | show</c>: training jobs on the cluster's trainer silo. A job trains the metric
/// network on a labelled catalog of the datasets container, writes the checkpoint to the models container and
/// registers the version with the model registry.
/// </summary>
internal static class JobCommand
{
    /// <summary>How often a followed job is asked where it is.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>A training job to submit.</summary>
    /// <param name="Dataset">The labelled catalog file in the datasets container (e.g. <c>training/catalog.jsonl</c>).</param>
    /// <param name="Version">Version name of the model to produce.</param>
    /// <param name="Steps">Training steps.</param>
    /// <param name="Seed">Seed of every draw.</param>
    /// <param name="MakeCurrent">Whether the model becomes current when registered.</param>
    /// <param name="JobId">The job's id (default: <c>train-{version}</c>).</param>
    /// <param name="Follow">Whether to follow the job to its end.</param>
    /// <param name="SegmentSeconds">Segment length to train on (9 or 3); the model records it and sweeps follow it.</param>
    public sealed record Submission(string Dataset, string Version, int Steps, ulong Seed, bool MakeCurrent, string? JobId, bool Follow, int SegmentSeconds = 9);

    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Labelled catalog (catalog.jsonl with trueArtistId) in the cluster's datasets container, e.g. training/catalog.jsonl ('disambig catalog upload --to datasets'), or a prepared dataset's folder there (holding manifest.json, from 'disambig dataset build'), read shard by shard.", Required = true };
        var version = new Option<string>("--version") { Description = "Version name of the model to produce (its folder in the models container).", Required = true };
        var steps = new Option<int>("--steps") { Description = "Training steps (1 to 1 000 000).", DefaultValueFactory = _ => 300 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the initial weights and of every draw: the same job gives the same weights.", DefaultValueFactory = _ => 1 };
        var makeCurrent = new Option<bool>("--make-current") { Description = "Make the model current once registered (the next sweep uses it)." };
        var jobId = new Option<string?>("--job") { Description = "Job id (default: train-VERSION); submitting an existing id follows that job." };
        var segmentSeconds = new Option<int>("--segment-seconds") { Description = "Segment length to train on: 9 (the paper's) or 3. The model records it; silos cut audio the model's way.", DefaultValueFactory = _ => 9 };
        var noFollow = new Option<bool>("--no-follow") { Description = "Return once the job has started instead of following it to its end." };
        var submit = new Command("submit", "Start a training job on the trainer silo, follow its progress and say where the model went.")
        {
            dataset, version, steps, seed, makeCurrent, jobId, segmentSeconds, noFollow,
        };
        var submitCluster = ClusterTarget.AddOption(submit);
        submit.SetAction((parse, cancellationToken) => SubmitAsync(
            new Submission(parse.GetRequiredValue(dataset), parse.GetRequiredValue(version), parse.GetValue(steps), parse.GetValue(seed),
                parse.GetValue(makeCurrent), parse.GetValue(jobId), !parse.GetValue(noFollow), parse.GetValue(segmentSeconds)),
            submitCluster(parse), parse.InvocationConfiguration.Output, cancellationToken));

        var list = new Command("list", "List the cluster's training jobs, oldest first, with their state and model.");
        var listCluster = ClusterTarget.AddOption(list);
        list.SetAction((parse, cancellationToken) => ListAsync(listCluster(parse), parse.InvocationConfiguration.Output, cancellationToken));

        var shownJob = new Argument<string>("job") { Description = "The job id (printed by 'disambig job submit' and 'disambig job list')." };
        var follow = new Option<bool>("--follow") { Description = "Follow a running job to its end." };
        var show = new Command("show", "Show one training job: its request, progress, and the model it registered or why it failed.") { shownJob, follow };
        var showCluster = ClusterTarget.AddOption(show);
        show.SetAction((parse, cancellationToken) => ShowAsync(parse.GetRequiredValue(shownJob), parse.GetValue(follow), showCluster(parse),
            parse.InvocationConfiguration.Output, cancellationToken));

        return new Command("job", "Training jobs on the cluster's trainer silo.") { submit, list, show };
    }

    /// <returns>0 when the job completed (or started, without following); 1 when it failed or could not start.</returns>
    public static Task<int> SubmitAsync(Submission submission, string? connection, TextWriter output, CancellationToken cancellationToken) =>
        ClusterTarget.RunAsync(connection, output, async settings =>
        {
            var version = ModelVersionName.Validate(submission.Version, "--version");
            if (submission.Steps is < 1 or > 1_000_000) throw new CliUsageException($"--steps must be 1 to 1 000 000, got {submission.Steps}.");
            if (submission.SegmentSeconds is not (9 or 3)) throw new CliUsageException($"--segment-seconds must be 9 or 3, got {submission.SegmentSeconds}.");
            var dataset = BlobName.Validate(submission.Dataset.Trim('/'));
            await EnsureDatasetAsync(settings, dataset, cancellationToken);
            var jobId = submission.JobId ?? $"train-{version}";
            await using var cluster = await PipelineConnection.OpenClusterAsync(settings, cancellationToken);
            var request = new TrainingJobRequest(dataset, version, submission.Steps, submission.Seed, submission.MakeCurrent, submission.SegmentSeconds);
            var status = await cluster.Grains.GetGrain<ITrainerGrain>(jobId).Start(request);
            var existing = (await cluster.Grains.GetGrain<ITrainingJobsGrain>(TrainingJobs.DefaultKey).List()).FirstOrDefault(job => job.JobId == jobId);
            if (existing is not null && existing.Request != request)
                await output.WriteLineAsync($"Job {jobId} already exists (model {existing.Request.ModelVersion} from {existing.Request.Dataset}); showing it.");
            else
                await output.WriteLineAsync($"Job {jobId}: training model {version} on {dataset} for {submission.Steps} steps (seed {submission.Seed}) on the trainer silo.");
            if (!submission.Follow)
            {
                await output.WriteLineAsync($"Follow it with: disambig job show {jobId} --follow");
                return 0;
            }
            return await FinishAsync(cluster, settings, jobId, status, output, cancellationToken);
        });

    /// <returns>0 after listing (also when there are no jobs).</returns>
    public static Task<int> ListAsync(string? connection, TextWriter output, CancellationToken cancellationToken) =>
        ClusterTarget.RunAsync(connection, output, async settings =>
        {
            await using var cluster = await PipelineConnection.OpenClusterAsync(settings, cancellationToken);
            var jobs = await cluster.Grains.GetGrain<ITrainingJobsGrain>(TrainingJobs.DefaultKey).List();
            if (jobs.Count == 0)
            {
                await output.WriteLineAsync("No training jobs yet; start one with 'disambig job submit'.");
                return 0;
            }
            await output.WriteLineAsync($"{"job",-28} {"state",-10} {"steps",-13} {"model",-28} {"submitted (UTC)",-17} dataset");
            foreach (var job in jobs)
            {
                var status = await cluster.Grains.GetGrain<ITrainerGrain>(job.JobId).GetStatus();
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{job.JobId,-28} {status.State,-10} {$"{status.StepsDone}/{status.StepsTotal}",-13} {job.Request.ModelVersion,-28} {job.SubmittedAt.UtcDateTime,-17:yyyy-MM-dd HH:mm} {job.Request.Dataset}"));
            }
            return 0;
        });

    /// <returns>0 when the job exists and has not failed; 1 when it is unknown or failed.</returns>
    public static Task<int> ShowAsync(string jobId, bool follow, string? connection, TextWriter output, CancellationToken cancellationToken) =>
        ClusterTarget.RunAsync(connection, output, async settings =>
        {
            await using var cluster = await PipelineConnection.OpenClusterAsync(settings, cancellationToken);
            var jobs = await cluster.Grains.GetGrain<ITrainingJobsGrain>(TrainingJobs.DefaultKey).List();
            if (jobs.FirstOrDefault(job => job.JobId == jobId) is not { } job)
            {
                await output.WriteLineAsync($"error: no training job '{jobId}'. Known jobs: {(jobs.Count == 0 ? "none" : string.Join(", ", jobs.Select(j => j.JobId)))}.");
                return 1;
            }
            var status = await cluster.Grains.GetGrain<ITrainerGrain>(jobId).GetStatus();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Job {jobId}: model {job.Request.ModelVersion} from {job.Request.Dataset}, {job.Request.Steps} steps, seed {job.Request.Seed}, "
                + $"make current: {(job.Request.MakeCurrent ? "yes" : "no")}; submitted {job.SubmittedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC."));
            if (follow) return await FinishAsync(cluster, settings, jobId, status, output, cancellationToken);
            await output.WriteLineAsync(Describe(status));
            return await OutcomeAsync(settings, status, output);
        });

    /// <summary>The one line of a job's progress.</summary>
    public static string Describe(TrainingJobStatus status)
    {
        var loss = double.IsNaN(status.Loss) ? "" : string.Create(CultureInfo.InvariantCulture, $", loss {status.Loss:0.0000}");
        return $"{status.JobId}: {status.State}, step {status.StepsDone}/{status.StepsTotal}{loss}";
    }

    /// <summary>Follows a job until it ends, a line at each tenth of its steps, then says where the model went or why it failed.</summary>
    private static async Task<int> FinishAsync(PipelineConnection cluster, ClusterSiloSettings settings, string jobId, TrainingJobStatus status,
        TextWriter output, CancellationToken cancellationToken)
    {
        var trainer = cluster.Grains.GetGrain<ITrainerGrain>(jobId);
        var lastTenth = -1;
        while (status.State == TrainingJobState.Running)
        {
            var tenth = status.StepsDone * 10 / Math.Max(1, status.StepsTotal);
            if (tenth > lastTenth)
            {
                lastTenth = tenth;
                await output.WriteLineAsync(Describe(status));
            }
            try
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await output.WriteLineAsync($"Stopped following; job {jobId} goes on in the cluster: disambig job show {jobId} --follow");
                return 130;
            }
            status = await trainer.GetStatus();
        }
        await output.WriteLineAsync(Describe(status));
        return await OutcomeAsync(settings, status, output);
    }

    private static async Task<int> OutcomeAsync(ClusterSiloSettings settings, TrainingJobStatus status, TextWriter output)
    {
        switch (status.State)
        {
            case TrainingJobState.Completed when status.Model is { } model:
                var models = ClusterTarget.Container(settings, "models");
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Model {model.Version} (d = {model.Dimension}, threshold {model.Threshold:0.###}) registered; checkpoint in {models.AccountName}/{models.Name}/{model.Version}/."));
                return 0;
            case TrainingJobState.Failed:
                await output.WriteLineAsync(CliErrors.Redact($"error: training job {status.JobId} failed: {status.Error}"));
                return 1;
            default:
                return 0;
        }
    }

    /// <summary>Refuses a job whose labelled catalog is not in the datasets container, before anything starts.</summary>
    private static async Task EnsureDatasetAsync(ClusterSiloSettings settings, string dataset, CancellationToken cancellationToken)
    {
        var container = ClusterTarget.Container(settings, "datasets");
        if (!await container.ExistsAsync(cancellationToken))
            throw new CliUsageException($"the datasets container {container.AccountName}/{container.Name} does not exist; upload a labelled catalog first "
                + "('disambig catalog upload --to datasets').");
        if (!await container.GetBlobClient(dataset).ExistsAsync(cancellationToken)
            && !await container.GetBlobClient($"{dataset}/manifest.json").ExistsAsync(cancellationToken))
            throw new CliUsageException($"no '{dataset}' in the datasets container {container.AccountName}/{container.Name}; upload it first ('disambig catalog upload --to datasets').");
    }
}
