using Disambig.Grains.Services;

namespace Disambig.Grains.Tests.Services;

/// <summary>Ingestion's calls asked again after a transient failure, and only then.</summary>
public sealed class TransientRetryTests
{
    [Fact]
    public async Task Run_AfterATimeoutAndACancelledActivation_AsksAgainAndReturnsTheAnswer()
    {
        var attempts = new List<int>();

        var answer = await TransientRetry.RunAsync(attempt =>
        {
            attempts.Add(attempt);
            return attempt switch
            {
                1 => throw new TimeoutException("Response did not arrive on time"),
                2 => throw new TaskCanceledException("A task was canceled."),
                _ => Task.FromResult(attempt * 10),
            };
        });

        Assert.Equal(30, answer);
        Assert.Equal([1, 2, 3], attempts);
    }

    [Fact]
    public async Task Run_OfABadRequest_FailsAtOnce()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<ArgumentException>(() => TransientRetry.RunAsync<int>(_ =>
        {
            attempts++;
            throw new ArgumentException("too many tracks");
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Run_ThatTimesOutEveryTime_ThrowsAfterTheLastAttempt()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => TransientRetry.RunAsync<int>(_ =>
        {
            attempts++;
            throw new TimeoutException("Response did not arrive on time");
        }));

        Assert.Equal(TransientRetry.MaxAttempts, attempts);
    }
}
