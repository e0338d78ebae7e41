using System.Reflection;
using Disambig.Dashboard.Api;
using Disambig.Grains;

namespace Disambig.Dashboard.Tests;

/// <summary>
/// The API's sweep progress comes from a snapshot kept in the HTTP process: a request answers it without a grain call
/// while it is recent, and never waits for the grain while a kept one is less than <see cref="SweepProgressSnapshots.MaxStale"/> old.
/// </summary>
public sealed class SweepProgressSnapshotsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 0, 0, TimeSpan.Zero);

    private readonly ManualTime _time = new(Start);
    private readonly FakeSweeps _sweeps = new();
    private readonly SweepProgressSnapshots _snapshots;

    public SweepProgressSnapshotsTests() => _snapshots = new SweepProgressSnapshots(FakeSweeps.Factory(_sweeps), _time);

    private static SweepProgress Progress(string id, SweepState state, int done) =>
        new(id, state, null, 100, done, 0, 0, 0, 0, 0, Start, Start, null);

    [Fact]
    public async Task Get_TwiceWithinASecond_AsksTheGrainOnce()
    {
        _sweeps.Answer("s1", Progress("s1", SweepState.Running, 10));

        var first = await _snapshots.GetAsync("s1");
        _time.Advance(TimeSpan.FromMilliseconds(900));
        _sweeps.Answer("s1", Progress("s1", SweepState.Running, 20));
        var second = await _snapshots.GetAsync("s1");

        Assert.Equal(10, second.NamesDone);
        Assert.Same(first, second);
        Assert.Equal(1, _sweeps.Calls("s1"));
    }

    [Fact]
    public async Task Get_OfAnOlderSnapshot_AnswersItAtOnceWhileTheGrainIsSlow_AndTheNextGetHasTheNewOne()
    {
        _sweeps.Answer("s1", Progress("s1", SweepState.Running, 10));
        await _snapshots.GetAsync("s1");
        _time.Advance(TimeSpan.FromSeconds(2));
        var slow = _sweeps.Hold("s1");

        var answer = _snapshots.GetAsync("s1");

        Assert.True(answer.IsCompletedSuccessfully);
        Assert.Equal(10, (await answer).NamesDone);
        Assert.Equal(10, (await _snapshots.GetAsync("s1")).NamesDone);
        slow.SetResult(Progress("s1", SweepState.Running, 30));
        await _sweeps.AnsweredAsync("s1", calls: 2);
        await WaitUntilAsync(async () => (await _snapshots.GetAsync("s1")).NamesDone == 30);
        Assert.Equal(2, _sweeps.Calls("s1"));
    }

    [Fact]
    public async Task Get_OfASnapshotOlderThanMaxStale_WaitsForTheGrain()
    {
        _sweeps.Answer("s1", Progress("s1", SweepState.Running, 10));
        await _snapshots.GetAsync("s1");
        _time.Advance(SweepProgressSnapshots.MaxStale);
        var slow = _sweeps.Hold("s1");

        var answer = _snapshots.GetAsync("s1");
        await _sweeps.AnsweredAsync("s1", calls: 2);
        Assert.False(answer.IsCompleted);
        slow.SetResult(Progress("s1", SweepState.Running, 40));

        Assert.Equal(40, (await answer).NamesDone);
    }

    [Fact]
    public async Task Get_OfAFinishedSweep_IsFinal_AndOfOneNotStarted_IsAskedEveryTime()
    {
        _sweeps.Answer("done", Progress("done", SweepState.Completed, 100));
        _sweeps.Answer("later", Progress("later", SweepState.NotStarted, 0));

        await _snapshots.GetAsync("done");
        await _snapshots.GetAsync("later");
        _time.Advance(TimeSpan.FromMinutes(5));
        _sweeps.Answer("later", Progress("later", SweepState.Running, 1));
        var done = await _snapshots.GetAsync("done");
        var started = await _snapshots.GetAsync("later");

        Assert.Equal(SweepState.Completed, done.State);
        Assert.Equal(1, _sweeps.Calls("done"));
        Assert.Equal(SweepState.Running, started.State);
        Assert.Equal(2, _sweeps.Calls("later"));
    }

    [Fact]
    public async Task Get_OfManySweeps_KeepsAtMostMaxSweeps()
    {
        for (var i = 0; i < SweepProgressSnapshots.MaxSweeps + 20; i++)
        {
            var id = $"s{i}";
            _sweeps.Answer(id, Progress(id, SweepState.Completed, 100));
            await _snapshots.GetAsync(id);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(SweepProgressSnapshots.MaxSweeps, _snapshots.Count);
    }

    /// <summary>Asks until <paramref name="condition"/> holds; a bound on tries, not a timed assertion.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (await condition()) return;
            await Task.Delay(5);
        }
        throw new InvalidOperationException("The condition never held.");
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    /// <summary>Sweep grains that answer set progress (or hold the answer until released), counting calls.</summary>
    internal sealed class FakeSweeps
    {
        private readonly Dictionary<string, TaskCompletionSource<SweepProgress>> _answers = [];
        private readonly Dictionary<string, int> _calls = [];

        public static IGrainFactory Factory(FakeSweeps sweeps)
        {
            var factory = DispatchProxy.Create<IGrainFactory, GrainFactoryProxy>();
            ((GrainFactoryProxy)(object)factory).Sweeps = sweeps;
            return factory;
        }

        public void Answer(string id, SweepProgress progress)
        {
            var answer = new TaskCompletionSource<SweepProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
            answer.SetResult(progress);
            lock (_answers) _answers[id] = answer;
        }

        public TaskCompletionSource<SweepProgress> Hold(string id)
        {
            var answer = new TaskCompletionSource<SweepProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_answers) _answers[id] = answer;
            return answer;
        }

        public int Calls(string id)
        {
            lock (_answers) return _calls.GetValueOrDefault(id);
        }

        /// <summary>Waits until the grain of <paramref name="id"/> was asked <paramref name="calls"/> times (a bound on tries).</summary>
        public async Task AnsweredAsync(string id, int calls) => await WaitUntilAsync(() => Task.FromResult(Calls(id) >= calls));

        public Task<SweepProgress> GetProgress(string id)
        {
            lock (_answers)
            {
                _calls[id] = _calls.GetValueOrDefault(id) + 1;
                return _answers[id].Task;
            }
        }
    }

    public class GrainFactoryProxy : DispatchProxy
    {
        internal FakeSweeps Sweeps { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && targetMethod.GetGenericArguments()[0] == typeof(ISweepGrain)
                && args is [string id, ..])
                return new FakeSweep(Sweeps, id);
            throw new NotSupportedException(targetMethod?.Name);
        }
    }

    private sealed class FakeSweep(FakeSweeps sweeps, string id) : ISweepGrain
    {
        public Task<SweepProgress> GetProgress() => sweeps.GetProgress(id);

        public Task AddNames(IReadOnlyList<string> names) => throw new NotSupportedException();

        public Task<SweepProgress> Start(SweepRequest request) => throw new NotSupportedException();

        public Task PartitionProgressed(SweepPartitionProgress progress) => throw new NotSupportedException();

        public Task<SweepReport?> GetReport() => throw new NotSupportedException();

        public Task<OutcomePage> ReadOutcomes(string? cursor, int limit, bool failuresOnly) => throw new NotSupportedException();

        public Task NameCompleted(NameOutcome outcome) => throw new NotSupportedException();

        public Task PartitionCompleted(int partition, SweepCounters counters) => throw new NotSupportedException();
    }
}
