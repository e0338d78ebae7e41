using Disambig.Grains.Hosting;
using Disambig.Grains.Tests.Fixtures;

namespace Disambig.Grains.Tests;

/// <summary>Names bigger than a grain keeps in its state: tracks in pages, the whole result in the results store.</summary>
[Collection(PipelineCollection.Name)]
public sealed class NamePagingTests(PipelineFixture fixture)
{
    [Fact]
    public async Task Sweep_OfNamesAboveTheInlineLimit_GivesTheUndisturbedResultsReadPageByPage()
    {
        var settings = new Dictionary<string, string?>
        {
            [PipelineSiloConfigurator.PipelineKey(nameof(PipelineOptions.NameInlineTracks))] = "2",
            [PipelineSiloConfigurator.PipelineKey(nameof(PipelineOptions.NameTrackPageSize))] = "2",
        };
        await using var cluster = await PipelineCluster.StartAsync(fixture, null, ["worker,inference,trainer"], fixture.Catalog.Entries, settings);
        var first = await cluster.SweepAsync("paged");
        var firstNames = await cluster.OutcomesAsync("paged");

        var whole = new Dictionary<string, NameResult>();
        foreach (var outcome in firstNames)
        {
            var grain = cluster.Client.GetGrain<IArtistNameGrain>(outcome.NameKey);
            var kept = (await grain.GetResult())!;
            var entries = fixture.Catalog.Entries.Where(e => e.NameKey == outcome.NameKey).Select(e => e.TrackId).ToList();
            Assert.Equal(entries.Count > 2, kept.Paged);
            Assert.InRange(kept.Entities.Sum(e => e.TrackIds.Count) + kept.Failures.Count, 0, 2);
            Assert.Equal(entries, (await grain.GetTracks()).Select(t => t.TrackId));
            Assert.Equal(entries.Skip(1).Take(2), (await grain.GetTrackPage(1, 2)).Tracks.Select(t => t.TrackId));
            whole[outcome.NameKey] = (await grain.ReadWholeResultAsync(pageSize: 2))!;
            // Every drawn track has the entity that lists it in the whole result, though the summary lists two tracks.
            AssertPointsColouredBy(whole[outcome.NameKey], await grain.GetPicture());
        }
        ResultAssert.SameDisambiguation(fixture.BaselineResults, whole);
        Assert.Contains(Directory.EnumerateFiles(Path.Combine(cluster.ResultsFolder, "names"), "*.json", SearchOption.AllDirectories),
            path => path.Contains($"{Path.DirectorySeparatorChar}tracks{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        // A curator's decision on a paged name applies to its whole result, and a re-sweep keeps it, unchanged.
        var homonym = fixture.Catalog.HomonymNames.First();
        var grainOfHomonym = cluster.Client.GetGrain<IArtistNameGrain>(homonym);
        var answer = await grainOfHomonym.Decide(new CurationRequest(CurationAction.Reject, "ana"));
        Assert.Null(answer.Refusal);
        Assert.Equal(NameDecision.KeptWhole, answer.Result!.Decision);
        var rejected = (await grainOfHomonym.ReadWholeResultAsync())!;
        Assert.Equal(whole[homonym].Entities.Sum(e => e.TrackIds.Count), Assert.Single(rejected.Entities).TrackIds.Count);
        AssertPointsColouredBy(rejected, await grainOfHomonym.GetPicture());
        var second = await cluster.SweepAsync("paged-again");
        var secondNames = await cluster.OutcomesAsync("paged-again");
        Assert.All(secondNames, name => Assert.Equal(NameDecision.Unchanged, name.Decision));
    }

    /// <summary>Each point of <paramref name="picture"/> carries the entity of <paramref name="whole"/> that lists its track.</summary>
    private static void AssertPointsColouredBy(NameResult whole, NamePicture? picture)
    {
        var entityOf = whole.Entities.SelectMany(e => e.TrackIds.Select(t => (Track: t, e.Entity))).ToDictionary(p => p.Track, p => (int?)p.Entity);
        Assert.NotNull(picture);
        Assert.Equal(whole.Entities.Sum(e => e.TrackIds.Count), picture.Points.Count);
        Assert.All(picture.Points, point => Assert.Equal(entityOf[point.TrackId], point.Entity));
    }
}
