using Disambig.Dashboard.Api;
using Disambig.Grains.Placement;
using Disambig.Grains.Tests.Fixtures;

namespace Disambig.Grains.Tests;

/// <summary>
/// A sweep with a model whose split calibration finds the homonym name's split unsure (issue 15, part 3): the name is
/// kept whole, flagged in the curators' review queue with its probability and proposed split, and a curator's
/// acceptance applies the split, which the next sweep keeps.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class UnsureSplitSweepTests(PipelineFixture fixture)
{
    private static readonly string[] OneSilo = [string.Join(',', SiloRoles.All)];

    [Fact]
    public async Task Sweep_WithASplitBelowTheModelsLeastProbability_FlagsTheNameInTheReviewQueueAndTheCuratorCanApplyIt()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, null, OneSilo, fixture.Catalog.Entries);
        // p = 1 / (1 + e^10) for any confidence: every split is unsure.
        var unsure = fixture.Model with { SplitProbability = new SplitProbabilityRef(0, 10, 0.5) };
        await cluster.Client.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(unsure, makeCurrent: true);
        var name = fixture.Catalog.HomonymNames.Single();
        var grain = cluster.Client.GetGrain<IArtistNameGrain>(name);

        await cluster.SweepAsync("unsure");
        var flagged = (await grain.GetResult())!;

        Assert.Equal((NameDecision.KeptWhole, ReviewState.Awaiting, true), (flagged.Decision, flagged.ReviewState, flagged.UnsureSplit));
        var whole = Assert.Single(flagged.Entities);
        Assert.Equal(whole.TrackIds.Order(), flagged.ProposedSplit!.SelectMany(e => e.TrackIds).Order());
        var queue = await ReviewQueue.ReadAsync(cluster.Client, 0, 50);
        var item = Assert.Single(queue.Names, i => i.NameKey == name);
        Assert.True(item.UnsureSplit);
        Assert.Equal(flagged.SplitProbability, item.SplitProbability);
        Assert.True(item.SplitProbability < 0.5);
        Assert.Equal(flagged.ProposedSplit!.Select(e => e.TrackIds.Count), item.ProposedSplit!);
        Assert.Equal(1, item.Entities);

        var answer = await grain.Decide(new CurationRequest(CurationAction.AcceptProposedSplit, "ana"));
        Assert.Null(answer.Refusal);
        Assert.Equal((NameDecision.Split, ReviewState.Accepted), (answer.Result!.Decision, answer.Result.ReviewState));
        Assert.Equal(flagged.ProposedSplit!.Count, answer.Result.Entities.Count);
        Assert.Contains(whole.Entity, answer.Result.Entities.Select(e => e.Entity));
        Assert.DoesNotContain((await ReviewQueue.ReadAsync(cluster.Client, 0, 50)).Names, i => i.NameKey == name);

        await cluster.SweepAsync("after-acceptance");
        var kept = (await grain.GetResult())!;
        Assert.Equal((NameDecision.Split, ReviewState.Accepted), (kept.Decision, kept.ReviewState));
        Assert.Equal(answer.Result.Entities.Select(e => e.Entity), kept.Entities.Select(e => e.Entity));
    }
}
