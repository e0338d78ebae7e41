using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Disambig.Grains;

namespace Disambig.Dashboard.Browser.Tests;

/// <summary>The JSON API, the Orleans dashboard, metrics and readiness of the embedded run, after its full sweep.</summary>
[Collection(EmbeddedDashboardCollection.Name)]
public sealed partial class DashboardApiTests(EmbeddedDashboardFixture fixture) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = fixture.Url };

    public void Dispose() => _client.Dispose();

    private async Task<JsonElement> GetJsonAsync(string path) => await _client.GetFromJsonAsync<JsonElement>(path);

    [Fact]
    public async Task Sweeps_AfterAFullSweep_ListItCompletedAt100PercentWithTrackCounts()
    {
        var sweeps = (await GetJsonAsync("/api/sweeps")).GetProperty("sweeps").EnumerateArray().ToList();
        var sweep = sweeps.Single(s => s.GetProperty("id").GetString() == fixture.FullSweep.SweepId);

        Assert.Equal(nameof(SweepState.Completed), sweep.GetProperty("state").GetString());
        Assert.Equal(100, sweep.GetProperty("percent").GetDouble());
        Assert.Equal(fixture.FullSweep.NamesTotal, sweep.GetProperty("namesDone").GetInt32() + sweep.GetProperty("namesFailed").GetInt32());
        Assert.Equal(fixture.Catalog.Tracks.Count, sweep.GetProperty("tracksEmbedded").GetInt32() + sweep.GetProperty("tracksCached").GetInt32());
        Assert.Equal(3, sweep.GetProperty("tracksFailed").GetInt32());
        Assert.Equal(JsonValueKind.Null, sweep.GetProperty("etaSeconds").ValueKind);
    }

    [Fact]
    public async Task Sweep_ById_GivesCountersOnly_AndItsFailuresPageListsEachPoisonTrackWithItsReason()
    {
        var detail = await GetJsonAsync($"/api/sweeps/{fixture.FullSweep.SweepId}");
        Assert.Equal(3, detail.GetProperty("failuresByReason").EnumerateObject().Sum(r => r.Value.GetInt32()));
        Assert.Equal(fixture.FullSweep.NamesTotal, detail.GetProperty("namesByDecision").EnumerateObject().Sum(r => r.Value.GetInt32()));
        Assert.False(detail.TryGetProperty("names", out _));

        var page = await GetJsonAsync($"/api/sweeps/{fixture.FullSweep.SweepId}/outcomes?failures=true&limit=500");
        var failures = page.GetProperty("failures").EnumerateArray()
            .ToDictionary(f => f.GetProperty("trackId").GetString()!, f => f.GetProperty("reason").GetString());
        Assert.Equal(nameof(TrackFailureReason.FileNotFound), failures[TestSupport.Pipeline.DemoCatalog.MissingTrackId]);
        Assert.Equal(nameof(TrackFailureReason.TooShort), failures[TestSupport.Pipeline.DemoCatalog.TooShortTrackId]);
        Assert.Contains(TestSupport.Pipeline.DemoCatalog.CorruptTrackId, failures.Keys);
        Assert.Equal(3, failures.Count);
    }

    [Fact]
    public async Task SweepOutcomes_InPagesOfThree_GiveEveryNameOnce()
    {
        var names = new List<string>();
        var cursor = "";
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages <= fixture.FullSweep.NamesTotal, "the pages never end");
            var page = await GetJsonAsync($"/api/sweeps/{fixture.FullSweep.SweepId}/outcomes?limit=3&cursor={Uri.EscapeDataString(cursor)}");
            var onPage = page.GetProperty("names").EnumerateArray().Select(n => n.GetProperty("nameKey").GetString()!).ToList();
            Assert.True(onPage.Count <= 3);
            names.AddRange(onPage);
            if (page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null) break;
            cursor = page.GetProperty("nextCursor").GetString()!;
        }
        Assert.Equal(fixture.FullSweep.NamesTotal, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync($"/api/sweeps/{fixture.FullSweep.SweepId}/outcomes?cursor=bogus")).StatusCode);
    }

    [Fact]
    public async Task Sweep_NeverStarted_IsNotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/sweeps/no-such-sweep")).StatusCode);
    }

    [Fact]
    public async Task Name_ByDisplayName_ShowsEntitiesWithTracksAlbumsYearsAndConfidences()
    {
        var view = await GetJsonAsync($"/api/names/{Uri.EscapeDataString(fixture.HomonymDisplayName)}");

        Assert.Equal(fixture.HomonymName, view.GetProperty("nameKey").GetString());
        Assert.Equal(nameof(NameDecision.Split), view.GetProperty("decision").GetString());
        Assert.InRange(view.GetProperty("splitConfidence").GetDouble(), 0, 1);
        var entities = view.GetProperty("entities").EnumerateArray().ToList();
        Assert.True(entities.Count >= 2);
        var tracks = fixture.Catalog.Tracks.ToDictionary(t => t.TrackId);
        foreach (var entity in entities)
        {
            Assert.InRange(entity.GetProperty("confidence").GetDouble(), 0, 1);
            var entityTracks = entity.GetProperty("tracks").EnumerateArray().Select(t => tracks[t.GetProperty("trackId").GetString()!]).ToList();
            Assert.Equal(entityTracks.Select(t => t.ReleaseDate.Year).Distinct().Order(),
                entity.GetProperty("releaseYears").EnumerateArray().Select(y => y.GetInt32()));
            Assert.Equal(entityTracks.Select(t => t.AlbumTitle ?? t.AlbumId).Distinct(),
                entity.GetProperty("albums").EnumerateArray().Select(a => a.GetString()!));
        }
    }

    [Fact]
    public async Task Name_WithoutResult_IsNotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/names/nobody%20at%20all")).StatusCode);
    }

    [Fact]
    public async Task Models_AfterRegistration_ShowTheModelInUse()
    {
        var models = await GetJsonAsync("/api/models");

        Assert.Equal(TestSupport.Pipeline.TinyModel.Version, models.GetProperty("current").GetProperty("version").GetString());
        var registered = Assert.Single(models.GetProperty("registered").EnumerateArray().ToList());
        Assert.True(registered.GetProperty("isCurrent").GetBoolean());
    }

    [Fact]
    public async Task OrleansDashboard_UnderOrleans_ServesItsPageAndCounters()
    {
        var page = await _client.GetAsync("/orleans/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var counters = await GetJsonAsync("/orleans/DashboardCounters");
        Assert.True(counters.GetProperty("totalActiveHostCount").GetInt32() >= 1);
    }

    [Fact]
    public async Task Readiness_WithStoreReachableAndModelAvailable_IsReady()
    {
        var response = await _client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("disambig_tracks_embedded")]
    [InlineData("disambig_tracks_failed")]
    [InlineData("disambig_names_completed")]
    [InlineData("disambig_inference_segments")]
    [InlineData("disambig_inference_duration")]
    [InlineData("disambig_sweep_progress")]
    public async Task Metrics_AfterASweep_ExportTheDisambigInstrumentWithANonZeroValue(string instrument)
    {
        var text = await _client.GetStringAsync("/metrics");

        var values = SampleLine().Matches(text).Where(m => m.Groups["name"].Value.StartsWith(instrument, StringComparison.Ordinal))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(values);
        Assert.Contains(values, value => value > 0);
    }

    [Fact]
    public async Task Metrics_Always_ExportOrleansInstruments()
    {
        var text = await _client.GetStringAsync("/metrics");

        Assert.Contains(SampleLine().Matches(text), m => m.Groups["name"].Value.StartsWith("orleans_", StringComparison.Ordinal));
    }

    /// <summary>A Prometheus sample: a metric name, optional labels, a value.</summary>
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (?<value>[^ \n]+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
