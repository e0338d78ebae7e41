using System.Net.Http.Json;
using System.Text.Json;
using Disambig.Grains;
using Disambig.Silo;
using Disambig.TestSupport;

namespace Disambig.Dashboard.Browser.Tests;

/// <summary>
/// The picture of a name kept in pages (above <c>NameInlineTracks</c>, lowered here to 100) through the JSON API, over
/// an embedded run with the bench stubs (<see cref="StubbedRun"/>): every point has the entity that lists its track,
/// whichever page of which entity the view lists.
/// </summary>
public sealed class PagedNamePictureTests : IAsyncLifetime
{
    private const string Name = "Paged Pair";
    private const int Inline = 100;

    private readonly TemporaryFolder _folder = new();
    private EmbeddedSilo _silo = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _silo = await StubbedRun.StartAsync(_folder, options => (options.NameInlineTracks, options.NameTrackPageSize) = (Inline, Inline));
        // Two true artists under one name: 300 tracks, three times the inline limit.
        var sweep = await StubbedRun.IngestAndSweepAsync(_silo, [.. StubbedRun.OneArtist(Name, "pair-a", 160), .. StubbedRun.OneArtist(Name, "pair-b", 140)]);
        Assert.Equal((1, 0), (sweep.NamesDone, sweep.NamesFailed));
        _http = new HttpClient { BaseAddress = new Uri(_silo.DashboardUrls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await _silo.DisposeAsync();
        _folder.Dispose();
    }

    private Task<JsonElement> ViewAsync(string query = "") =>
        _http.GetFromJsonAsync<JsonElement>($"/api/names/{Uri.EscapeDataString(Name)}?limit=100{query}");

    [Fact]
    public async Task Picture_OfANameKeptInPages_GivesEveryPointTheEntityListingItsTrack_OnEveryPage()
    {
        var first = await ViewAsync();
        var key = first.GetProperty("nameKey").GetString()!;
        var summary = await _silo.Grains.GetGrain<IArtistNameGrain>(key).GetResult();
        Assert.True(summary!.Paged);
        Assert.True(summary.Entities.Sum(e => e.TrackIds.Count) <= Inline);
        var entities = first.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("entity").GetInt32()).ToList();
        Assert.Equal(2, entities.Count);

        // Every page of every entity: which entity lists each track, and the views the pages gave.
        var entityOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var views = new List<JsonElement> { first };
        foreach (var entity in entities)
        {
            for (int? offset = 0; offset is { } at;)
            {
                var view = await ViewAsync($"&entity={entity}&offset={at}");
                views.Add(view);
                var listed = view.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("entity").GetInt32() == entity);
                foreach (var track in listed.GetProperty("tracks").EnumerateArray()) entityOf.Add(track.GetProperty("trackId").GetString()!, entity);
                offset = listed.GetProperty("nextOffset").ValueKind == JsonValueKind.Null ? null : listed.GetProperty("nextOffset").GetInt32();
            }
        }
        Assert.Equal(300, entityOf.Count);

        foreach (var view in views)
        {
            var picture = view.GetProperty("picture");
            Assert.Equal((300, false), (picture.GetProperty("usableTracks").GetInt32(), picture.GetProperty("sampled").GetBoolean()));
            var points = picture.GetProperty("points").EnumerateArray()
                .Select(p => (Track: p.GetProperty("trackId").GetString()!, Entity: p.GetProperty("entity"))).ToList();
            Assert.Equal(300, points.Count);
            // None grey (null): the points of tracks on no listed page too.
            Assert.All(points, p => Assert.Equal(JsonValueKind.Number, p.Entity.ValueKind));
            Assert.All(points, p => Assert.Equal(entityOf[p.Track], p.Entity.GetInt32()));
        }
    }
}
