using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Disambig.Cli.Pipeline;
using Disambig.Dashboard.Api;
using Disambig.Grains;
using Disambig.Grains.Services;
using Disambig.Silo;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;
using static Disambig.TestSupport.Pipeline.PlantedNames;

namespace Disambig.Cli.Tests;

/// <summary>
/// <c>disambig aliases</c> and <c>GET /api/aliases</c> on the embedded silo over a work folder with planted names: three
/// names of one artist (three suggestions) and one other artist; both page through the same suggestions.
/// </summary>
public sealed class AliasesCommandTests : IAsyncLifetime
{
    private readonly TemporaryFolder _work = new();
    private readonly TemporaryFolder _catalog = new();
    private readonly List<string> _apiPages = [];

    private PipelineTarget Target => new(_work.Path, _catalog.Path, ClusterConnection: null);

    public async Task InitializeAsync()
    {
        await using var pipeline = await (Target with { DashboardUrl = "http://127.0.0.1:0" }).OpenAsync(CancellationToken.None);
        var results = new ResultStore(new WorkFolder(_work.Path).Stores(_catalog.Path));
        await PlantAsync(pipeline.Grains, results, "Nova", new Entity(1, Unit(1, 0, 0), SameAlbum("n", "Dawn", 2001, 4)));
        await PlantAsync(pipeline.Grains, results, "Nova Sound", new Entity(1, Unit(1, 0.03f, 0), SameAlbum("s", "Dusk, Part 1", 2005, 3)));
        await PlantAsync(pipeline.Grains, results, "N0va", new Entity(1, Unit(1, 0, 0.03f), SameAlbum("z", "Noon", 2008, 3)));
        await PlantAsync(pipeline.Grains, results, "Elsewhere", new Entity(1, Unit(0, 1, 0), SameAlbum("e", "Far", 1999, 5)));
        await RefreshAliasesAsync(pipeline.Grains, "manual", null);

        // The API, page by page, while the silo serves its dashboard.
        using var http = new HttpClient { BaseAddress = new Uri(pipeline.DashboardUrls[0]) };
        var cursor = "";
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/aliases?limit=2&cursor={Uri.EscapeDataString(cursor)}");
            _apiPages.Add(page.GetRawText());
            cursor = page.GetProperty("nextCursor").GetString() ?? "";
        }
        while (cursor.Length > 0);
        ApiBadCursor = (await http.GetAsync("/api/aliases?cursor=nope")).StatusCode;
        // What /api/names/{name} adds as possiblyTheSameAs (the planted names have no name grain result to view).
        NovaLinks = await AliasApi.LinksAsync(pipeline.Grains, "nova");
    }

    private IReadOnlyList<AliasLinkView> NovaLinks { get; set; } = [];

    [Fact]
    public void NameViewLinks_OfAnAliasedName_SayPossiblyTheSameArtistAsEachOtherName()
    {
        Assert.Equal(["N0va", "Nova Sound"], NovaLinks.Select(l => l.Other.DisplayName).Order(StringComparer.Ordinal));
        Assert.All(NovaLinks, l => Assert.Equal((1, 1), (l.Entity, l.Other.Entity)));
    }

    private HttpStatusCode ApiBadCursor { get; set; }

    [Fact]
    public void Api_PagesOfTwo_ListEveryAliasOfTheArtistOnceAndNeverTheOtherArtist()
    {
        var pages = _apiPages.Select(p => JsonDocument.Parse(p).RootElement).ToList();
        Assert.Equal(2, pages.Count);
        Assert.All(pages, p => Assert.Equal(3, p.GetProperty("total").GetInt32()));
        var pairs = pages.SelectMany(p => p.GetProperty("aliases").EnumerateArray())
            .Select(a => string.Join(" ~ ", new[] { a.GetProperty("left").GetProperty("nameKey").GetString(), a.GetProperty("right").GetProperty("nameKey").GetString() }.Order()))
            .ToList();
        Assert.Equal(["n0va ~ nova", "n0va ~ nova sound", "nova ~ nova sound"], pairs.Order());
        Assert.Equal(HttpStatusCode.BadRequest, ApiBadCursor);
    }

    [Fact]
    public async Task Aliases_PagedWithCursorAndExported_GivesEverySuggestionOnceInCsvAndJsonLines()
    {
        var (first, firstOutput) = await PipelineCommandsFixture.RunAsync(w => AliasesCommand.RunAsync(
            new AliasesCommand.Settings(AliasesCommand.Format.Table, null, null, 2, false), Target, w, CancellationToken.None));
        Assert.Equal(0, first);
        Assert.Contains("3 alias suggestions", firstOutput);
        var cursor = System.Text.RegularExpressions.Regex.Match(firstOutput, @"Next page: --cursor (\S+)").Groups[1].Value;
        Assert.NotEmpty(cursor);

        var csv = Path.Combine(_work.Path, "aliases.csv");
        var (second, secondOutput) = await PipelineCommandsFixture.RunAsync(w => AliasesCommand.RunAsync(
            new AliasesCommand.Settings(AliasesCommand.Format.Csv, csv, cursor, 2, false), Target, w, CancellationToken.None));
        Assert.Equal(0, second);
        Assert.Contains("Wrote 1 of 3 alias suggestions", secondOutput);
        Assert.Contains("No further page.", secondOutput);
        var lines = await File.ReadAllLinesAsync(csv);
        Assert.StartsWith("probability,low_evidence,distance,", lines[0]);
        Assert.Equal(2, lines.Length);

        var jsonl = Path.Combine(_work.Path, "aliases.jsonl");
        var (all, _) = await PipelineCommandsFixture.RunAsync(w => AliasesCommand.RunAsync(
            new AliasesCommand.Settings(AliasesCommand.Format.Jsonl, jsonl, null, 1, true), Target, w, CancellationToken.None));
        Assert.Equal(0, all);
        var rows = (await File.ReadAllLinesAsync(jsonl)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.DoesNotContain("elsewhere", r.GetRawText()));
        Assert.Contains(rows, r => r.GetProperty("left").GetProperty("albums").EnumerateArray().Any(a => a.GetString() == "Dusk, Part 1")
            || r.GetProperty("right").GetProperty("albums").EnumerateArray().Any(a => a.GetString() == "Dusk, Part 1"));
    }

    [Fact]
    public async Task Aliases_WithACursorOfNoRun_FailsInOneLine()
    {
        var (exitCode, output) = await PipelineCommandsFixture.RunAsync(w => AliasesCommand.RunAsync(
            new AliasesCommand.Settings(AliasesCommand.Format.Table, null, "old-run:5", 10, false), Target, w, CancellationToken.None));
        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: The cursor 'old-run:5' belongs to an earlier alias run", output.Trim());
    }

    public Task DisposeAsync()
    {
        _work.Dispose();
        _catalog.Dispose();
        return Task.CompletedTask;
    }
}
