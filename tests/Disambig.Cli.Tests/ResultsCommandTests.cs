using Disambig.Cli.Pipeline;
using Disambig.Grains;
using Disambig.TestSupport.Pipeline;

namespace Disambig.Cli.Tests;

/// <summary>
/// <c>disambig results NAME</c> on a name of 50 000 tracks: the summary stays a summary, and <c>--tracks</c> lists every
/// track once, asking for pages that fit a message and writing each page before asking for the next (the CLI holds one
/// page, whatever the name's size). The name's grain is a stand-in that answers from the whole result as the real one
/// does (<see cref="NameResultPages"/>), so the test needs no sweep of 50 000 tracks.
/// </summary>
public sealed class ResultsCommandTests
{
    private const int Tracks = 50_000;
    private const int Failed = 300;
    private const int OneMegabyte = 1 << 20;

    private static readonly NameResult Whole = BigResult();

    [Fact]
    public async Task Results_OfABigName_PrintsTheSummaryWithEachEntitysCountAndHowToListEveryTrack()
    {
        using var output = new StringWriter();
        var grain = new BigNameGrain(Whole, output);

        var exitCode = await ResultsCommand.WriteAsync(grain, "Big", new ResultsCommand.View(), output, CancellationToken.None);

        var text = System.Text.RegularExpressions.Regex.Replace(output.ToString(), @"\s+", " ");
        Assert.Equal(0, exitCode);
        Assert.Empty(grain.PagesAsked);
        Assert.Contains($"{Tracks} tracks", text);
        Assert.Contains($"({Whole.Entities[0].TrackIds.Count} in all)", text);
        Assert.Contains("--tracks lists all", text);
        Assert.Contains($"{Failed} failed tracks in all", text);
    }

    [Fact]
    public async Task Results_WithTracks_ListsEveryTrackOnceAPageAtATimeInMessagesUnderOneMegabyte()
    {
        using var output = new StringWriter();
        var grain = new BigNameGrain(Whole, output);

        var exitCode = await ResultsCommand.WriteAsync(grain, "Big", new ResultsCommand.View(Tracks: true), output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        var lines = TrackLines(output);
        var expected = Whole.Entities.SelectMany(e => e.TrackIds.Select(t => $"{t}\tentity {e.Entity}"))
            .Concat(Whole.Failures.Select(f => $"{f.TrackId}\tfailed: {f.Reason}: {f.Message}"));
        Assert.Equal(expected, lines);
        Assert.Equal(Tracks / NameResultPages.MaxPageSize, grain.PagesAsked.Count);
        Assert.All(grain.PagesAsked, page => Assert.InRange(page.Bytes, 1, OneMegabyte));
        // Streamed: each page was asked only once every track before it was written.
        Assert.All(grain.PagesAsked, page => Assert.Equal(page.Offset, page.LinesWrittenBefore));
    }

    [Fact]
    public async Task Results_WithTracksFromAnOffsetAndALimit_ListsThatWindowAndWhereToGoOn()
    {
        using var output = new StringWriter();
        var grain = new BigNameGrain(Whole, output);

        var exitCode = await ResultsCommand.WriteAsync(grain, "Big", new ResultsCommand.View(Tracks: true, Offset: 49_990, Limit: 7), output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        var failures = Whole.Failures.Skip(49_990 - (Tracks - Failed)).Take(7).Select(f => f.TrackId);
        Assert.Equal(failures, TrackLines(output).Select(line => line.Split('\t')[0]));
        Assert.EndsWith("next: --offset 49997", output.ToString().TrimEnd());
    }

    private static List<string> TrackLines(StringWriter output) =>
        [.. output.ToString().Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Contains('\t'))];

    /// <summary>Three entities of UUID-long track ids, then failures: 50 000 tracks in all.</summary>
    private static NameResult BigResult()
    {
        var ids = Enumerable.Range(0, Tracks).Select(i => new Guid(i, 7, 7, new byte[8]).ToString()).ToList();
        var clustered = Tracks - Failed;
        var entities = Enumerable.Range(0, 3)
            .Select(e => new EntityResult(e + 1, ids.Take(clustered).Where((_, i) => i % 3 == e).ToList(), 0.9))
            .ToList();
        var failures = ids.Skip(clustered).Select(id => new TrackFailure(id, $"r/{id}.mp3", TrackFailureReason.FileNotFound, "no such audio")).ToList();
        return new NameResult("big", "Big", "s1", new ModelRef("v1", 1.0, 8), NameDecision.Split, 0.9, entities, failures, DateTimeOffset.UnixEpoch);
    }

    /// <summary>
    /// The name's grain as the CLI sees it: its paged summary, and pages of the whole result, each page's offset, its
    /// Orleans-serialized size, and how many track lines the command had written when it asked.
    /// </summary>
    private sealed class BigNameGrain(NameResult whole, StringWriter output) : IArtistNameGrain
    {
        public List<(int Offset, int Bytes, int LinesWrittenBefore)> PagesAsked { get; } = [];

        public Task<NameResult?> GetResult() => Task.FromResult<NameResult?>(NameResultPages.Summary(whole, 1_000));

        public Task<TrackAssignmentPage> GetAssignments(int offset, int limit)
        {
            var page = NameResultPages.Page(whole, offset, limit);
            PagesAsked.Add((offset, SerializedSize.Of(page), TrackLines(output).Count));
            return Task.FromResult(page);
        }

        public Task<TracksAdded> AddTracks(string displayName, IReadOnlyList<TrackRef> tracks) => throw new NotSupportedException();

        public Task<IReadOnlyList<TrackRef>> GetTracks() => throw new NotSupportedException();

        public Task<TrackRefPage> GetTrackPage(int offset, int limit) => throw new NotSupportedException();

        public Task<IReadOnlyList<TrackRef>> FindTracks(IReadOnlyList<string> trackIds) => throw new NotSupportedException();

        public Task<NameRunStatus> Disambiguate(NameRunRequest request) => throw new NotSupportedException();

        public Task<CurationAnswer> Decide(CurationRequest request) => throw new NotSupportedException();

        public Task<IReadOnlyList<CurationDecision>> GetDecisions() => throw new NotSupportedException();

        public Task<NamePicture?> GetPicture() => throw new NotSupportedException();
    }
}
