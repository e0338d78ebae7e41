using Disambig.Grains.Hosting;
using Disambig.Grains.Services;
using Disambig.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Disambig.Grains.Sweeps;

/// <summary>
/// One sweep: a bounded sliding window over its names, progress persisted at most every
/// <see cref="PipelineOptions.ProgressWriteInterval"/>, in-flight names polled (which restarts lost ones), a reminder that
/// reactivates the sweep after its silo is lost, and a report under <c>results/sweeps/</c> at the end.
/// </summary>
internal sealed partial class SweepGrain(
    [PersistentState("sweep", GrainStorage.Name)] IPersistentState<SweepBook> book,
    ResultStore results,
    IOptions<PipelineOptions> options,
    IClusterRoles roles,
    TimeProvider time,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain, IRemindable
{
    private const string ResumeReminder = "resume";
    private IGrainTimer? _poll;
    private bool _waiting;
    private bool _dirty;
    private DateTimeOffset _lastWrite;

    private string SweepId => this.GetPrimaryKeyString();

    private bool IsRunning => book.State.State == SweepState.Running;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsRunning) StartPolling();
        return Task.CompletedTask;
    }

    public async Task<SweepProgress> Start(SweepRequest request)
    {
        SweepIds.Validate(SweepId);
        if (book.State.State != SweepState.NotStarted) return Progress();
        var model = await GrainFactory.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).GetCurrent()
            ?? throw new NoModelRegisteredException();
        var names = request.Names ?? await AllNamesAsync();
        book.State.Begin(model.ToRef(), names, time.GetUtcNow());
        book.State.IsFullCatalog = request.Names is null;
        await WriteAsync();
        await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        LogStarted(SweepId, book.State.Plan.Count, model.Version);
        StartPolling();
        await AdvanceAsync();
        return Progress();
    }

    private async Task<IReadOnlyList<string>> AllNamesAsync()
    {
        var names = new List<string>();
        await foreach (var page in GrainFactory.ListNamePagesAsync()) names.AddRange(page);
        return names;
    }

    public Task<SweepProgress> GetProgress() => Task.FromResult(Progress());

    public Task<IReadOnlyList<NameOutcome>> GetOutcomes() => Task.FromResult(book.State.CompletedOutcomes());

    public Task<SweepReport?> GetReport() =>
        book.State.State == SweepState.Completed ? results.ReadReportAsync(SweepId, CancellationToken.None) : Task.FromResult<SweepReport?>(null);

    public async Task NameCompleted(NameOutcome outcome)
    {
        if (!IsRunning || !book.State.Record(outcome)) return;
        _dirty = true;
        await AdvanceAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        // Activation alone resumes a running sweep (OnActivateAsync); a finished one drops its reminder.
        IsRunning ? Task.CompletedTask : UnregisterResumeReminderAsync();

    private SweepProgress Progress() => book.State.Progress(SweepId, _waiting, time.GetUtcNow());

    private void StartPolling() =>
        _poll ??= this.RegisterGrainTimer(PollAsync, options.Value.PollInterval, options.Value.PollInterval);

    /// <summary>Asks every in-flight name where it is: restarts lost runs, learns completions whose message was lost.</summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning) return;
        var request = new NameRunRequest(SweepId, book.State.Model!, book.State.StartedAt);
        var statuses = await Task.WhenAll(book.State.InFlight.ToList().Select(name => AskAsync(name, request)));
        _waiting = statuses.Any(s => s?.State == NameRunState.WaitingForInference);
        foreach (var outcome in statuses.Select(s => s?.Outcome).OfType<NameOutcome>())
        {
            _dirty |= book.State.Record(outcome);
        }
        await AdvanceAsync();
    }

    /// <summary>Fills the window, finishes when every name is done, and writes progress when due.</summary>
    private async Task AdvanceAsync()
    {
        var request = new NameRunRequest(SweepId, book.State.Model!, book.State.StartedAt);
        var started = book.State.TakeNext(options.Value.NameWindowFor(roles.WorkerCores()));
        if (started.Count > 0)
        {
            _dirty = true;
            await Task.WhenAll(started.Select(name => AskAsync(name, request)));
        }
        if (book.State.AllNamesDone)
        {
            await FinishAsync();
            return;
        }
        if (_dirty && time.GetUtcNow() - _lastWrite >= options.Value.ProgressWriteInterval) await WriteAsync();
    }

    private async Task<NameRunStatus?> AskAsync(string name, NameRunRequest request)
    {
        try
        {
            return await GrainFactory.GetGrain<IArtistNameGrain>(name).Disambiguate(request);
        }
        catch (Exception e)
        {
            LogNameUnreachable(e, name, SweepId);
            return null;
        }
    }

    private async Task FinishAsync()
    {
        var now = time.GetUtcNow();
        book.State.ReportName = ResultStore.SweepReportName(SweepId);
        var report = book.State.Report(SweepId, now);
        await results.WriteReportAsync(report, CancellationToken.None);
        book.State.CompletedAt = now;
        book.State.State = SweepState.Completed;
        await WriteAsync();
        _poll?.Dispose();
        _poll = null;
        await UnregisterResumeReminderAsync();
        await TriggerAliasesAsync();
        LogCompleted(SweepId, report.Progress.NamesDone, report.Progress.NamesFailed, report.Progress.TracksEmbedded, report.Progress.TracksCached);
    }

    /// <summary>
    /// Hook of the alias job (issue 17), kept apart: a completed sweep asks for an alias run, of every entity after a
    /// full sweep, of the swept names' entities after an incremental one. A failure here never fails the sweep.
    /// </summary>
    private async Task TriggerAliasesAsync()
    {
        try
        {
            await GrainFactory.SweepCompleted(SweepId, book.State.IsFullCatalog ? null : book.State.Plan);
        }
        catch (Exception e)
        {
            LogAliasTriggerFailed(e, SweepId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {SweepId} could not start the alias job; it runs after the next sweep")]
    private partial void LogAliasTriggerFailed(Exception error, string sweepId);

    private async Task WriteAsync()
    {
        await book.WriteStateAsync();
        PipelineMetrics.SweepProgressed(Progress());
        _dirty = false;
        _lastWrite = time.GetUtcNow();
    }

    private async Task UnregisterResumeReminderAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} started: {Names} names with model {ModelVersion}")]
    private partial void LogStarted(string sweepId, int names, string modelVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {SweepId} completed: {Done} names done, {Failed} without usable tracks, {Embedded} tracks embedded, {Cached} cached")]
    private partial void LogCompleted(string sweepId, int done, int failed, int embedded, int cached);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Name '{Name}' of sweep {SweepId} did not answer; asked again at the next poll")]
    private partial void LogNameUnreachable(Exception error, string name, string sweepId);
}
