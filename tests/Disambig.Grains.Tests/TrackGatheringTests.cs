using System.Net.Sockets;
using Azure;
using Disambig.Grains.Hosting;
using Disambig.Grains.Names;
using Disambig.Grains.Placement;

namespace Disambig.Grains.Tests;

public sealed class TrackGatheringTests
{
    private static readonly PipelineOptions Options = new() { TracksPerName = 2, RetryDelay = TimeSpan.FromMilliseconds(10), MaxTrackAttempts = 3 };

    private static readonly TrackRef[] Tracks = [new("t1", "a/1.wav"), new("t2", "a/2.wav"), new("t3", "a/3.wav")];

    private static TrackOutcome Vector(TrackRef track) => TrackOutcome.Vectorised(track.TrackId, [1, 0], cached: false);

    [Fact]
    public async Task Gather_ManyTracks_NeverAsksMoreThanTheLimitAtOnce()
    {
        int running = 0, peak = 0;
        var outcomes = await new TrackGathering(Options).GatherAsync(Tracks, async track =>
        {
            peak = Math.Max(peak, Interlocked.Increment(ref running));
            await Task.Yield();
            Interlocked.Decrement(ref running);
            return Vector(track);
        }, _ => { }, CancellationToken.None);
        Assert.Equal(["t1", "t2", "t3"], outcomes.Select(o => o.TrackId));
        Assert.InRange(peak, 1, 2);
    }

    [Fact]
    public async Task Gather_WhileStorageIsUnreachable_WaitsBeyondTheAttemptLimitWithoutFailingTheTrack()
    {
        var calls = 0;
        var unreachable = new RequestFailedException(0, "Retry failed", new HttpRequestException("Connection refused", new SocketException(111)));
        var options = new PipelineOptions { RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(20), MaxTrackAttempts = 1 };
        var outcomes = await new TrackGathering(options).GatherAsync([Tracks[0]], track =>
            ++calls <= 5 ? throw new AggregateException(unreachable) : Task.FromResult(Vector(track)), _ => { }, CancellationToken.None);
        Assert.Equal(TrackOutcomeKind.Embedded, Assert.Single(outcomes).Kind);
        Assert.Equal(6, calls);
    }

    [Fact]
    public async Task Gather_WhileNoInferenceSilo_WaitsBeyondTheAttemptLimitAndReportsWaiting()
    {
        var calls = 0;
        var waiting = new List<bool>();
        var outcomes = await new TrackGathering(Options).GatherAsync([Tracks[0]], track =>
            ++calls <= 5 ? throw new NoInferenceSiloException() : Task.FromResult(Vector(track)),
            waiting.Add, CancellationToken.None);
        Assert.Equal(TrackOutcomeKind.Embedded, Assert.Single(outcomes).Kind);
        Assert.Equal(6, calls);
        Assert.True(waiting.First());
        Assert.False(waiting.Last());
    }

    [Fact]
    public async Task Gather_TrackFailingEveryAttempt_RecordsAnUnexpectedFailureNamingTheError()
    {
        var outcomes = await new TrackGathering(Options).GatherAsync([Tracks[0]],
            _ => throw new IOException("storage down"), _ => { }, CancellationToken.None);
        var failure = Assert.Single(outcomes).Failure!;
        Assert.Equal(TrackFailureReason.Unexpected, failure.Reason);
        Assert.Contains("storage down", failure.Message);
        Assert.Equal("a/1.wav", failure.AudioPath);
    }

    [Fact]
    public async Task Gather_TrackAnsweringATransientFailure_IsAskedAgainThenSucceeds()
    {
        var calls = 0;
        var outcomes = await new TrackGathering(Options).GatherAsync([Tracks[0]], track => Task.FromResult(++calls < 3
            ? TrackOutcome.Failed(new TrackFailure(track.TrackId, track.AudioPath, TrackFailureReason.Timeout, "decode timed out"))
            : Vector(track)), _ => { }, CancellationToken.None);
        Assert.Equal(TrackOutcomeKind.Embedded, Assert.Single(outcomes).Kind);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Gather_TrackAnsweringAPermanentFailure_IsAskedOnce()
    {
        var calls = 0;
        var outcomes = await new TrackGathering(Options).GatherAsync([Tracks[0]], track =>
        {
            calls++;
            return Task.FromResult(TrackOutcome.Failed(new TrackFailure(track.TrackId, track.AudioPath, TrackFailureReason.Corrupt, "bad frames")));
        }, _ => { }, CancellationToken.None);
        Assert.Equal(TrackFailureReason.Corrupt, Assert.Single(outcomes).Failure!.Reason);
        Assert.Equal(1, calls);
    }
}
