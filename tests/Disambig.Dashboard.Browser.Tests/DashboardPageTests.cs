using Disambig.Grains;
using Disambig.TestSupport;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Xunit.Abstractions;

namespace Disambig.Dashboard.Browser.Tests;

/// <summary>
/// Opens the dashboard in Debian's headless Chromium as a user would, through Debian's chromedriver. A missing browser
/// or driver fails the test: tools/test.sh installs both.
/// </summary>
[Collection(EmbeddedDashboardCollection.Name)]
public sealed class DashboardPageTests(EmbeddedDashboardFixture fixture, ITestOutputHelper output)
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string ChromeDriverPath = "/usr/bin/chromedriver";

    private static readonly TimeSpan PageTimeout = EmbeddedDashboardFixture.SweepTimeout;

    [Fact]
    public async Task Page_DuringAndAfterSweeps_ShowsThemReach100PercentAndTheHomonymSplit()
    {
        using var driver = StartChromium();
        var wait = new WebDriverWait(driver, PageTimeout);
        driver.Navigate().GoToUrl(fixture.Url);

        // The full sweep of the fixture: selected by default, at 100 %, its poison tracks listed with their reasons.
        wait.Until(d => Text(d, "[data-testid=sweep-state]") == nameof(SweepState.Completed));
        Assert.StartsWith("100 %", Text(driver, "[data-testid=sweep-percent]"));
        var reasons = Texts(driver, "[data-testid=failure-row] td:nth-child(4)");
        Assert.Contains(nameof(TrackFailureReason.FileNotFound), reasons);
        Assert.Contains(nameof(TrackFailureReason.TooShort), reasons);

        // A sweep started while the page is open appears and reaches 100 % without a reload.
        var names = new[] { fixture.HomonymName };
        var second = await fixture.Silo.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).StartNamesSweep(names);
        wait.Until(d => Text(d, $"[data-sweep-id='{second.SweepId}'] .bar b") == "100 %");

        // Clicking the homonym name shows its split into entities, with albums and release years.
        Click(driver, $"[data-testid=name-row][data-name='{fixture.HomonymName}'] button");
        wait.Until(d => Text(d, "[data-testid=name-decision]").StartsWith("Split into", StringComparison.Ordinal));
        var entities = Texts(driver, "[data-testid=entity]");
        Assert.True(entities.Count >= 2, $"the homonym name shows {entities.Count} entities");
        Assert.All(entities, entity => Assert.Contains("Release years: ", entity));
        Assert.Contains("name=", driver.Url);
        SaveScreenshot(driver, "dashboard.png");

        // The per-name view is reachable by its address alone.
        driver.Navigate().GoToUrl(new Uri(fixture.Url, $"/?name={Uri.EscapeDataString(fixture.HomonymDisplayName)}"));
        wait.Until(d => Text(d, "[data-testid=name-decision]").StartsWith("Split into", StringComparison.Ordinal));
        Assert.Equal(fixture.HomonymDisplayName, Text(driver, "#name-display"));
    }

    // The page redraws every second, so elements are read and clicked in one script each, never held across redraws.
    internal static IReadOnlyList<string> Texts(IWebDriver driver, string selector) =>
        ((IReadOnlyCollection<object>)((IJavaScriptExecutor)driver).ExecuteScript(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText);", selector)!).Cast<string>().ToList();

    internal static string Text(IWebDriver driver, string selector) => Texts(driver, selector).FirstOrDefault() ?? "";

    internal static void Click(IWebDriver driver, string selector) =>
        ((IJavaScriptExecutor)driver).ExecuteScript("document.querySelector(arguments[0]).click();", selector);

    internal static ChromeDriver StartChromium()
    {
        foreach (var required in new[] { ChromiumPath, ChromeDriverPath })
        {
            if (!File.Exists(required))
                throw new InvalidOperationException($"{required} is missing: install Debian's chromium and chromium-driver (tools/test.sh does).");
        }
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriverPath)!, Path.GetFileName(ChromeDriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        // Selenium's own choice is bind(0)'s port, released until chromedriver binds it: an outgoing connection (or a
        // port drawn by another test) could take it meanwhile, and chromedriver would not start.
        service.Port = FreePorts.Loopback();
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        // --no-sandbox: the tests run as root in CI, where Chromium's sandbox refuses to start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1900");
        return new ChromeDriver(service, options, TimeSpan.FromMinutes(1));
    }

    private void SaveScreenshot(ChromeDriver driver, string fileName)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        driver.GetScreenshot().SaveAsFile(path);
        output.WriteLine($"Screenshot: {path}");
    }
}
