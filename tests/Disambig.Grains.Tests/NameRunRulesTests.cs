using Disambig.Grains.Names;

namespace Disambig.Grains.Tests;

/// <summary>How a name's run ends: bounded attempts, and which sweep may replace its result.</summary>
public sealed class NameRunRulesTests
{
    private static readonly ModelRef M1 = new("m1", 1.0, 9);
    private static readonly ModelRef M2 = new("m2", 1.0, 9);
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);

    private static NameRunRequest Request(string sweepId, ModelRef model, DateTimeOffset startedAt) => new(sweepId, model, startedAt);

    private static NameResult Result(string sweepId, ModelRef model) =>
        new("n", "N", sweepId, model, NameDecision.KeptWhole, 1, [new EntityResult(1, ["t1"], 1)], [], Monday);

    private static NameOutcome Outcome => new("n", NameDecision.KeptWhole, 1, 1, 0, []);

    private static NameState WrittenBy(NameRunRequest request)
    {
        var state = new NameState();
        state.Complete(request, Result(request.SweepId, request.Model), Outcome, replace: true);
        return state;
    }

    [Fact]
    public void MayReplaceResult_ByANewerSweepOnTheCurrentModel_IsTrue()
    {
        var state = WrittenBy(Request("monday", M1, Monday));
        Assert.True(state.MayReplaceResult(Request("tuesday", M1, Monday.AddDays(1)), "m1"));
        Assert.True(state.MayReplaceResult(Request("monday", M1, Monday), "m1"));
    }

    [Fact]
    public void MayReplaceResult_ByAnOlderSweepFinishingLate_IsFalse()
    {
        var state = WrittenBy(Request("tuesday", M1, Monday.AddDays(1)));
        Assert.False(state.MayReplaceResult(Request("monday", M1, Monday), "m1"));
    }

    [Fact]
    public void MayReplaceResult_ByASweepOnAModelNoLongerCurrent_IsFalse()
    {
        Assert.False(new NameState().MayReplaceResult(Request("monday", M1, Monday), "m2"));
        var state = WrittenBy(Request("monday", M2, Monday));
        Assert.False(state.MayReplaceResult(Request("tuesday", M1, Monday.AddDays(1)), "m2"));
    }

    [Fact]
    public void Complete_WithoutReplacing_KeepsTheResultAndStillRecordsTheSweepsOutcome()
    {
        var state = WrittenBy(Request("tuesday", M1, Monday.AddDays(1)));
        var late = Request("monday", M1, Monday);
        state.Complete(late, Result("monday", M1), Outcome with { EntityCount = 2 }, replace: false);
        Assert.Equal("tuesday", state.Result!.SweepId);
        Assert.Equal(2, state.OutcomeOf("monday")!.EntityCount);
        Assert.Null(state.OutcomeOf("tuesday"));
    }

    [Fact]
    public void FailAttempt_UpToTheLimit_EndsTheRunWithNameFailedNamingTheErrorAndKeepsTheResult()
    {
        var state = WrittenBy(Request("monday", M1, Monday));
        var request = Request("tuesday", M1, Monday.AddDays(1));
        Assert.Null(state.FailAttempt(request, "n", new IOException("disk full"), maxAttempts: 3));
        Assert.Null(state.FailAttempt(request, "n", new IOException("disk full"), maxAttempts: 3));
        var failed = state.FailAttempt(request, "n", new IOException("disk full"), maxAttempts: 3);
        Assert.Equal(NameDecision.NameFailed, failed!.Decision);
        Assert.Contains("failed 3 attempts", failed.FailureReason);
        Assert.Contains("IOException: disk full", failed.FailureReason);
        Assert.Equal(failed, state.OutcomeOf("tuesday"));
        Assert.Equal("monday", state.Result!.SweepId);
    }

    [Fact]
    public void FailAttempt_OfAnotherSweep_StartsCountingAgain()
    {
        var state = new NameState();
        Assert.Null(state.FailAttempt(Request("monday", M1, Monday), "n", new IOException("x"), maxAttempts: 2));
        Assert.Null(state.FailAttempt(Request("tuesday", M1, Monday.AddDays(1)), "n", new IOException("x"), maxAttempts: 2));
        Assert.NotNull(state.FailAttempt(Request("tuesday", M1, Monday.AddDays(1)), "n", new IOException("x"), maxAttempts: 2));
    }
}
