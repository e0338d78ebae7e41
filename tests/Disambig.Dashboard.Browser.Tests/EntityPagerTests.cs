using System.Net.Http.Json;
using System.Text.Json;
using Disambig.Catalog;
using Disambig.Silo;
using Disambig.TestSupport;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace Disambig.Dashboard.Browser.Tests;

/// <summary>
/// The name view's pager in Chromium, over an embedded run whose audio, features and embeddings are the bench stubs
/// (<see cref="StubbedRun"/>: synthetic tracks whose vectors cluster by true artist, no decoding), so a name
/// of 250 tracks of one artist is swept in seconds and its one entity lists its tracks 100 at a time.
/// </summary>
public sealed class EntityPagerTests : IAsyncLifetime
{
    private const string ManyTracks = "Pager Many";
    private const string OtherName = "Pager Other";

    private readonly TemporaryFolder _folder = new();
    private EmbeddedSilo _silo = null!;
    private IReadOnlyList<CatalogTrack> _tracks = [];

    private Uri Url => new(_silo.DashboardUrls.Single());

    public async Task InitializeAsync()
    {
        _silo = await StubbedRun.StartAsync(_folder);
        _tracks = [.. StubbedRun.OneArtist(ManyTracks, "pager-many", 250), .. StubbedRun.OneArtist(OtherName, "pager-other", 150)];
        var sweep = await StubbedRun.IngestAndSweepAsync(_silo, _tracks);
        Assert.Equal((2, 0), (sweep.NamesDone, sweep.NamesFailed));
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Page_NameOf250TracksInOneEntity_PagesItsTracksAndResetsOnAnotherName()
    {
        using var driver = DashboardPageTests.StartChromium();
        var wait = new WebDriverWait(driver, EmbeddedDashboardFixture.SweepTimeout);
        driver.Navigate().GoToUrl(new Uri(Url, $"/?name={Uri.EscapeDataString(ManyTracks)}"));
        wait.Until(d => Range(d) == "tracks 1–100 of 250");
        var entity = Assert.Single(Strings(driver, "return [...document.querySelectorAll('[data-testid=entity]')].map(e => e.dataset.entity);"));
        using var http = new HttpClient { BaseAddress = Url };

        // Each page lists the tracks the API lists for that offset; the three pages together list each track once.
        var pages = new List<IReadOnlyList<string>> { await AssertListedAsync(driver, http, ManyTracks, entity, 0, 100) };
        Assert.False(Disabled(driver, "entity-next"));
        Assert.True(Disabled(driver, "entity-previous"));
        DashboardPageTests.Click(driver, Pager("entity-next"));
        wait.Until(d => Range(d) == "tracks 101–200 of 250");
        pages.Add(await AssertListedAsync(driver, http, ManyTracks, entity, 100, 100));
        Assert.False(Disabled(driver, "entity-previous"));
        DashboardPageTests.Click(driver, Pager("entity-next"));
        wait.Until(d => Range(d) == "tracks 201–250 of 250");
        pages.Add(await AssertListedAsync(driver, http, ManyTracks, entity, 200, 50));
        Assert.True(Disabled(driver, "entity-next"));
        Assert.Equal(
            _tracks.Where(t => t.ArtistName == ManyTracks).Select(t => t.TrackId).Order(StringComparer.Ordinal),
            pages.SelectMany(page => page).Order(StringComparer.Ordinal));

        DashboardPageTests.Click(driver, Pager("entity-previous"));
        wait.Until(d => Range(d) == "tracks 101–200 of 250");
        Assert.Equal(pages[1], await AssertListedAsync(driver, http, ManyTracks, entity, 100, 100));
        Assert.False(Disabled(driver, "entity-next"));

        // Another name, chosen as a user chooses it, starts at its first page: not at the offset the last name was paged to.
        Execute(driver, "document.getElementById('name-input').value = arguments[0]; document.getElementById('name-form').requestSubmit();", OtherName);
        wait.Until(d => DashboardPageTests.Text(d, "#name-display") == OtherName && Range(d) == "tracks 1–100 of 150");
        var other = Assert.Single(Strings(driver, "return [...document.querySelectorAll('[data-testid=entity]')].map(e => e.dataset.entity);"));
        await AssertListedAsync(driver, http, OtherName, other, 0, 100);
        Assert.True(Disabled(driver, "entity-previous"));
        Assert.False(Disabled(driver, "entity-next"));
    }

    /// <summary>
    /// The listed tracks equal the API's page at <paramref name="offset"/> (<paramref name="count"/> distinct tracks of
    /// the name), and every point of the picture keeps its entity's colour whichever page is listed.
    /// </summary>
    private static async Task<IReadOnlyList<string>> AssertListedAsync(IWebDriver driver, HttpClient http, string name, string entity, int offset, int count)
    {
        var listed = Strings(driver, "return [...document.querySelectorAll('[data-testid=entity-track]')].map(t => t.dataset.track);");
        var view = await http.GetFromJsonAsync<JsonElement>($"/api/names/{Uri.EscapeDataString(name)}?limit=100&entity={entity}&offset={offset}");
        var page = view.GetProperty("entities").EnumerateArray().Single().GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("trackId").GetString()!).ToList();
        Assert.Equal(page, listed);
        Assert.Equal(count, listed.Distinct(StringComparer.Ordinal).Count());
        var points = Strings(driver, "return [...document.querySelectorAll('[data-testid=point]')].map(p => p.dataset.entity);");
        Assert.NotEmpty(points);
        Assert.All(points, point => Assert.Equal(entity, point));
        return listed;
    }

    private static string Range(IWebDriver driver) => DashboardPageTests.Text(driver, "[data-testid=entity-range]").Trim();

    private static string Pager(string button) => $"[data-testid=entity-pager] [data-testid={button}]";

    private static bool Disabled(IWebDriver driver, string button) =>
        (bool)Execute(driver, "return document.querySelector(arguments[0]).disabled;", Pager(button))!;

    private static object? Execute(IWebDriver driver, string script, params object[] arguments) =>
        ((IJavaScriptExecutor)driver).ExecuteScript(script, arguments);

    private static IReadOnlyList<string> Strings(IWebDriver driver, string script) =>
        ((IReadOnlyCollection<object>)Execute(driver, script)!).Select(o => o?.ToString() ?? "").ToList();
}
