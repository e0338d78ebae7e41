using System.Text.Json;
using Disambig.Catalog;
using Disambig.Cli.Pipeline;
using Disambig.Grains;

namespace Disambig.Cli.Tests;

/// <summary><c>disambig ingest</c>, <c>status</c>, <c>results</c> and <c>export</c> on the embedded silo over one work folder.</summary>
public sealed class PipelineCommandsTests(PipelineCommandsFixture fixture) : IClassFixture<PipelineCommandsFixture>
{
    [Fact]
    public void Ingest_OfTheWholeCatalog_SweepsEveryNameItTouches()
    {
        var names = fixture.Catalog.Tracks.Select(t => ArtistNameKey.From(t.ArtistName)).Distinct().Count();
        Assert.Equal(0, fixture.FirstIngest.ExitCode);
        Assert.Contains($"Ingested {fixture.Catalog.Tracks.Count} new or changed tracks touching {names} names.", fixture.FirstIngest.Output);
        Assert.Contains($"names {names} done", fixture.FirstIngest.Output);
    }

    [Fact]
    public async Task Ingest_OfANewRelease_SweepsOnlyItsNameReusingTheCachedVectors()
    {
        var single = fixture.Catalog.Tracks.GroupBy(t => t.ArtistName).First(g => g.Select(t => t.TrueArtistId).Distinct().Count() == 1);
        var release = Path.Combine(fixture.Catalog.Folder, "new-release", "releases.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(release)!);
        File.Copy(Path.Combine(fixture.Catalog.Folder, single.First().AudioPath), Path.Combine(Path.GetDirectoryName(release)!, "bonus" + Path.GetExtension(single.First().AudioPath)));
        var track = single.First() with { TrackId = "trk-bonus", AudioPath = "bonus" + Path.GetExtension(single.First().AudioPath) };
        await File.WriteAllTextAsync(release, JsonSerializer.Serialize(track, JsonSerializerOptions.Web) + "\n");

        var (exitCode, output) = await PipelineCommandsFixture.RunAsync(writer => IngestCommand.RunAsync(release, fixture.Target, writer, CancellationToken.None));

        Assert.Equal(0, exitCode);
        Assert.Contains("Ingested 1 new or changed tracks touching 1 names.", output);
        await using var pipeline = await fixture.OpenAsync();
        var sweeps = await pipeline.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).ListSweeps();
        var report = await pipeline.Grains.GetGrain<ISweepGrain>(sweeps[^1]).GetReport();
        Assert.Equal(1, report!.Progress.NamesTotal);
        Assert.Equal(1, report.Progress.TracksEmbedded);
        Assert.Equal(single.Count(), report.Progress.TracksCached);
        var result = await pipeline.Grains.GetGrain<IArtistNameGrain>(ArtistNameKey.From(single.Key)).GetResult();
        Assert.Contains("trk-bonus", result!.Entities.SelectMany(e => e.TrackIds));
    }

    [Fact]
    public async Task Ingest_WithABadLineAfterAFullBatch_KeepsTheBatchSweepsItsNamesAndNamesTheLine()
    {
        var release = Path.Combine(fixture.Catalog.Folder, "half-good", "releases.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(release)!);
        var template = fixture.Catalog.Tracks[0] with { ArtistName = "Half Good Release Artist" };
        var lines = Enumerable.Range(0, 3).Select(i => JsonSerializer.Serialize(template with { TrackId = $"half-good-{i}" }, JsonSerializerOptions.Web));
        await File.WriteAllLinesAsync(release, [.. lines, "{ not json"]);

        var (exitCode, output) = await PipelineCommandsFixture.RunAsync(writer =>
            IngestCommand.RunAsync(new IngestCommand.Source(release, BatchSize: 2), fixture.Target, writer, CancellationToken.None));

        Assert.Equal(2, exitCode);
        Assert.Contains("line 4", output);
        Assert.Contains("the 2 tracks before it were ingested", output);
        // The names of what was ingested are swept now, not left to a rerun of the fixed file.
        Assert.Contains("of the 1 names they touch started", output);
        Assert.DoesNotContain("   at ", output);
        await using var pipeline = await fixture.OpenAsync();
        var tracks = await pipeline.Grains.GetGrain<IArtistNameGrain>(ArtistNameKey.From(template.ArtistName)).GetTracks();
        Assert.Equal(["half-good-0", "half-good-1"], tracks.Select(t => t.TrackId));
    }

    [Fact]
    public async Task Status_OfACompletedSweep_PrintsItsCountsAndSucceeds()
    {
        var sweepId = await FirstSweepIdAsync();

        var (exitCode, output) = await PipelineCommandsFixture.RunAsync(writer => StatusCommand.RunAsync(sweepId, fixture.Target, writer, CancellationToken.None));

        Assert.Equal(0, exitCode);
        Assert.Contains($"{sweepId}: names", output);
        Assert.Contains($"tracks {fixture.Catalog.Tracks.Count} embedded", output);
    }

    [Fact]
    public async Task Status_OfAnUnknownSweep_ListsTheKnownSweepsAndFails()
    {
        var sweepId = await FirstSweepIdAsync();

        var (exitCode, output) = await PipelineCommandsFixture.RunAsync(writer => StatusCommand.RunAsync("no-such-sweep", fixture.Target, writer, CancellationToken.None));

        Assert.Equal(1, exitCode);
        Assert.Contains("no sweep 'no-such-sweep'", output);
        Assert.Contains(sweepId, output);
    }

    [Fact]
    public async Task Results_OfAHomonymName_PrintsEachEntityWithItsTracks()
    {
        var name = fixture.Catalog.HomonymNames.First();
        var tracks = fixture.Catalog.Tracks.Where(t => ArtistNameKey.From(t.ArtistName) == name).ToList();

        var (exitCode, output) = await PipelineCommandsFixture.RunAsync(writer => ResultsCommand.RunAsync(tracks[0].ArtistName, fixture.Target, writer, CancellationToken.None));

        Assert.Equal(0, exitCode);
        Assert.Contains("Split", output);
        Assert.All(tracks, track => Assert.Contains(track.TrackId, output));
    }

    [Fact]
    public void Results_OfANameKeptWholeForAnUnsureSplit_PrintsItsProbabilityAndTheProposedParts()
    {
        var model = new ModelRef("v1", 0.5, 9) { SplitProbability = new SplitProbabilityRef(-10, 5, 0.5) };
        var result = new NameResult("x", "X", "s1", model, NameDecision.KeptWhole, 0.1, [new EntityResult(3, ["t1", "t2", "t3"], 0.98)], [], DateTimeOffset.UnixEpoch)
        {
            Review = new NameReview(ReviewState.Awaiting, null, null),
            SplitProbability = 0.02,
            ProposedSplit = [new EntityResult(1, ["t1", "t3"], 0.1), new EntityResult(2, ["t2"], 0.1)],
        };
        using var output = new StringWriter();

        ResultsCommand.Write(result, output);

        // The console wraps long lines at word boundaries.
        var text = System.Text.RegularExpressions.Regex.Replace(output.ToString(), @"\s+", " ");
        Assert.Contains("Probability that the split is right: 0.02 (least applied: 0.50)", text);
        Assert.Contains("Flagged for review", text);
        Assert.Contains("proposed split into 2", text);
        Assert.Contains("t1, t3", text);
    }

    [Fact]
    public async Task Results_OfAnUnknownName_Fails()
    {
        var (exitCode, output) = await PipelineCommandsFixture.RunAsync(writer => ResultsCommand.RunAsync("Nobody Ever", fixture.Target, writer, CancellationToken.None));

        Assert.Equal(1, exitCode);
        Assert.Contains("no result for 'Nobody Ever'", output);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    public async Task Export_OfSplitNames_WritesOneRowPerTrackOfEachSplitName(string extension)
    {
        var format = Enum.Parse<ExportCommand.Format>(extension, ignoreCase: true);
        var file = Path.Combine(Path.GetTempPath(), $"disambig-export-{Guid.NewGuid():N}.{extension}");
        try
        {
            var (exitCode, _) = await PipelineCommandsFixture.RunAsync(writer => ExportCommand.RunAsync(file, format, all: false, fixture.Target, writer, CancellationToken.None));

            Assert.Equal(0, exitCode);
            var homonyms = fixture.Catalog.HomonymNames.ToHashSet();
            var expected = fixture.Catalog.Tracks.Where(t => homonyms.Contains(ArtistNameKey.From(t.ArtistName))).Select(t => t.TrackId).Order().ToList();
            var lines = await File.ReadAllLinesAsync(file);
            var rows = format == ExportCommand.Format.Csv
                ? lines.Skip(1).Select(line => line.Split(',')[2])
                : lines.Select(line => JsonSerializer.Deserialize<ExportCommand.Row>(line, JsonSerializerOptions.Web)!.TrackId);
            Assert.Equal(expected, rows.Order().ToList());
            if (format == ExportCommand.Format.Csv) Assert.StartsWith("name,display_name,track_id,entity", lines[0]);
            if (format == ExportCommand.Format.Csv) Assert.EndsWith(",review,decided_by,decided_at", lines[0]);
            else Assert.All(lines, line => Assert.Equal(nameof(ReviewState.Awaiting), JsonSerializer.Deserialize<ExportCommand.Row>(line, JsonSerializerOptions.Web)!.Review));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<string> FirstSweepIdAsync()
    {
        await using var pipeline = await fixture.OpenAsync();
        return (await pipeline.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).ListSweeps())[0];
    }
}
