using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Disambig.Grains;
using Disambig.Silo;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;
using OpenQA.Selenium.Support.UI;

namespace Disambig.Dashboard.Browser.Tests;

/// <summary>
/// A curator's session against its own embedded run (the demo catalog swept once), whose silo is stopped and started
/// again on the same work folder in between, as after a restart of <c>disambig run</c>.
/// </summary>
public sealed class CurationTests : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();
    private DemoCatalog _catalog = null!;
    private WorkFolder _work = null!;
    private EmbeddedSilo _silo = null!;

    private string HomonymName => _catalog.HomonymNames.First();

    private Uri Url => new(_silo.DashboardUrls.Single());

    public async Task InitializeAsync()
    {
        _catalog = await DemoCatalog.GenerateAsync();
        _work = new WorkFolder(_folder.Path);
        var model = await TinyModel.CreateAsync(_work.Models, _catalog);
        _silo = await EmbeddedDashboardFixture.StartSiloAsync(_work, _catalog);
        await _silo.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(model, makeCurrent: true);
        await EmbeddedDashboardFixture.IngestAsync(_silo, _catalog);
        await SweepAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _catalog.Dispose();
        _folder.Dispose();
    }

    private async Task SweepAsync()
    {
        var started = await _silo.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).StartFullSweep();
        await EmbeddedDashboardFixture.WaitForSweepAsync(_silo, started.SweepId);
    }

    private async Task RestartSiloAsync()
    {
        await _silo.DisposeAsync();
        _silo = await EmbeddedDashboardFixture.StartSiloAsync(_work, _catalog);
    }

    [Fact]
    public async Task RejectedSplit_AfterSiloRestartAndAnotherSweep_StaysWholeWithItsAuditEntry()
    {
        using (var client = new HttpClient { BaseAddress = Url })
        {
            var queue = await client.GetFromJsonAsync<JsonElement>("/api/review");
            Assert.Contains(HomonymName, queue.GetProperty("names").EnumerateArray().Select(n => n.GetProperty("nameKey").GetString()));
            var rejected = await client.PostAsJsonAsync("/api/decisions", new { name = HomonymName, action = "reject" });
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }

        await RestartSiloAsync();
        await SweepAsync();

        using var again = new HttpClient { BaseAddress = Url };
        var view = await again.GetFromJsonAsync<JsonElement>($"/api/names/{Uri.EscapeDataString(HomonymName)}");
        Assert.Equal(nameof(NameDecision.KeptWhole), view.GetProperty("decision").GetString());
        Assert.Equal(nameof(ReviewState.Rejected), view.GetProperty("review").GetProperty("state").GetString());
        Assert.Equal("local", view.GetProperty("review").GetProperty("decidedBy").GetString());
        var log = (await again.GetFromJsonAsync<JsonElement>($"/api/decisions?name={Uri.EscapeDataString(HomonymName)}")).GetProperty("decisions");
        var entry = Assert.Single(log.EnumerateArray());
        Assert.Equal((nameof(CurationAction.Reject), "local"), (entry.GetProperty("action").GetString(), entry.GetProperty("curator").GetString()));
        var queueAfter = await again.GetFromJsonAsync<JsonElement>("/api/review");
        Assert.DoesNotContain(HomonymName, queueAfter.GetProperty("names").EnumerateArray().Select(n => n.GetProperty("nameKey").GetString()));
        var rejectAgain = await again.PostAsJsonAsync("/api/decisions", new { name = HomonymName, action = "reject" });
        Assert.Equal(HttpStatusCode.Conflict, rejectAgain.StatusCode);
    }

    [Fact]
    public async Task Page_AcceptedSplit_IsShownAcceptedAfterASiloRestartAndAThirdEntityIsDrawn()
    {
        using var driver = DashboardPageTests.StartChromium();
        var wait = new WebDriverWait(driver, EmbeddedDashboardFixture.SweepTimeout);
        var page = $"/?name={Uri.EscapeDataString(HomonymName)}";
        driver.Navigate().GoToUrl(new Uri(Url, page));
        wait.Until(d => DashboardPageTests.Text(d, "[data-testid=name-review]") == nameof(ReviewState.Awaiting));

        DashboardPageTests.Click(driver, "[data-testid=accept]");
        wait.Until(d => DashboardPageTests.Text(d, "[data-testid=name-review]").StartsWith("Accepted by local", StringComparison.Ordinal));
        var entityIds = DashboardPageTests.Texts(driver, "[data-testid=entity] h4");

        await RestartSiloAsync();
        driver.Navigate().GoToUrl(new Uri(Url, page));
        wait.Until(d => DashboardPageTests.Text(d, "[data-testid=name-review]").StartsWith("Accepted by local", StringComparison.Ordinal));
        Assert.Equal(entityIds, DashboardPageTests.Texts(driver, "[data-testid=entity] h4"));
        wait.Until(d => DashboardPageTests.Texts(d, "[data-testid=decision-row]").Count > 0);
        Assert.Single(DashboardPageTests.Texts(driver, "[data-testid=decision-row]"));

        // The demo's homonym name hides three artists: the plot shows its tracks in three colours, the dendrogram its cut.
        var tracks = _catalog.Tracks.Count(t => Disambig.Catalog.ArtistNameKey.From(t.ArtistName) == HomonymName);
        Assert.Equal(3, entityIds.Count);
        Assert.Equal(tracks, Strings(driver, PointsScript("p.dataset.track")).Count);
        Assert.Equal(3, Strings(driver, DistinctScript("[data-testid=point]", "p.getAttribute('fill')")).Count);
        Assert.Single(Strings(driver, DistinctScript("[data-testid=dendrogram] [data-testid=threshold]", "'line'")));
        Assert.Equal(tracks - 1, Strings(driver, PointsScript("'merge'", "[data-testid=dendrogram] [data-testid=merge]")).Count);

        // Moving a track to a new entity makes a fourth, drawn in a fourth colour.
        Execute(driver, "document.getElementById('move-to').value = '';");
        DashboardPageTests.Click(driver, "[data-testid=move]");
        wait.Until(d => DashboardPageTests.Texts(d, "[data-testid=entity]").Count == 4);
        wait.Until(d => Strings(d, DistinctScript("[data-testid=point]", "p.getAttribute('fill')")).Count == 4);
        // The audit log is fetched on its own after the name view: wait for the second row rather than race it.
        wait.Until(d => DashboardPageTests.Texts(d, "[data-testid=decision-row]").Count == 2);
        Assert.Equal(2, DashboardPageTests.Texts(driver, "[data-testid=decision-row]").Count);
    }

    private static string PointsScript(string value, string selector = "[data-testid=point]") =>
        $"return [...document.querySelectorAll('{selector}')].map(p => {value});";

    private static string DistinctScript(string selector, string value) =>
        $"return [...new Set([...document.querySelectorAll('{selector}')].map(p => {value}))];";

    private static object? Execute(OpenQA.Selenium.IWebDriver driver, string script) =>
        ((OpenQA.Selenium.IJavaScriptExecutor)driver).ExecuteScript(script);

    private static IReadOnlyList<string> Strings(OpenQA.Selenium.IWebDriver driver, string script) =>
        ((IReadOnlyCollection<object>)Execute(driver, script)!).Select(o => o?.ToString() ?? "").ToList();
}
