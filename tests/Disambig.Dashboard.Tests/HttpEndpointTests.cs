using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using Disambig.Dashboard.Page;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Disambig.Dashboard.Tests;

/// <summary>A real Kestrel server on a free loopback port, configured as the silo and the embedded host configure it.</summary>
public sealed class HttpEndpointTests
{
    private const string Token = "test-token-0123456789abcdef";

    private static ICollection<string> AddressesOf(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;

    private static async Task<(WebApplication App, HttpClient Client)> StartAsync(Action<DashboardOptions> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.AddDisambigHttp(configure);
        var app = builder.Build();
        app.MapDisambigHttp();
        app.MapDisambigPage();
        app.MapGet("/api/ping", () => "pong");
        await app.StartAsync();
        var address = AddressesOf(app).Single();
        return (app, new HttpClient { BaseAddress = new Uri(address) });
    }

    [Fact]
    public async Task Start_WithDefaults_ListensOnLoopbackOnly()
    {
        var (app, client) = await StartAsync(o => o.Urls = "http://127.0.0.1:0");
        await using var _ = app;
        using var __ = client;
        var addresses = AddressesOf(app);
        Assert.All(addresses, a => Assert.True(IPAddress.IsLoopback(IPAddress.Parse(new Uri(a).Host))));
        Assert.Equal("pong", await client.GetStringAsync("/api/ping"));
        Assert.Equal("http://127.0.0.1:8080", new DashboardOptions().Urls);
    }

    [Fact]
    public async Task Start_BeyondLoopbackWithoutToken_RefusesToStart()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.AddDisambigHttp(o => o.Urls = "http://0.0.0.0:0");
        await using var app = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("BearerToken", error.Message);
    }

    [Fact]
    public async Task Request_WithTokenConfigured_NeedsTheRightBearerTokenExceptForHealth()
    {
        var (app, client) = await StartAsync(o => { o.Urls = "http://127.0.0.1:0"; o.BearerToken = Token; });
        await using var _ = app;
        using var __ = client;

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/ping")).StatusCode);
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/ping"))
        {
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        }
        using (var right = new HttpRequestMessage(HttpMethod.Get, "/api/ping"))
        {
            right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Page_WithTokenConfigured_ServesOnlyTheEmptyShellWithoutIt()
    {
        var (app, client) = await StartAsync(o => { o.Urls = "http://127.0.0.1:0"; o.BearerToken = Token; });
        await using var _ = app;
        using var __ = client;

        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Authorization", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/sweeps")).StatusCode);
    }

    [Fact]
    public async Task Page_Always_LoadsNothingFromElsewhere()
    {
        var (app, client) = await StartAsync(o => o.Urls = "http://127.0.0.1:0");
        await using var _ = app;
        using var __ = client;

        var html = await client.GetStringAsync("/");
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("http://", html);
    }

    [Fact]
    public async Task Metrics_AfterADisambigCounterMoves_AreServedForPrometheus()
    {
        var (app, client) = await StartAsync(o => o.Urls = "http://127.0.0.1:0");
        await using var _ = app;
        using var __ = client;
        var meter = app.Services.GetRequiredService<IMeterFactory>().Create("Disambig.Tests");
        meter.CreateCounter<long>("disambig_test_tracks_embedded").Add(3);

        var text = await client.GetStringAsync("/metrics");
        Assert.Equal(3, SampleValue(text, "disambig_test_tracks_embedded_total"));
    }

    [Fact]
    public async Task Metrics_WithASecondHostInTheProcessThatRecordsAndStops_KeepOnlyThisHostsCounts()
    {
        var (first, client) = await StartAsync(o => o.Urls = "http://127.0.0.1:0");
        await using var _ = first;
        using var __ = client;
        first.Services.GetRequiredService<IMeterFactory>().Create("Disambig").CreateCounter<long>("disambig_test_names").Add(3);
        var (second, secondClient) = await StartAsync(o => o.Urls = "http://127.0.0.1:0");
        secondClient.Dispose();
        second.Services.GetRequiredService<IMeterFactory>().Create("Disambig").CreateCounter<long>("disambig_test_names").Add(5);
        await second.DisposeAsync();

        // Two scrapes: the first after the second host stopped would still show a stream it shared, the next not.
        await client.GetStringAsync("/metrics");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3, SampleValue(await client.GetStringAsync("/metrics"), "disambig_test_names_total"));
    }

    /// <summary>The value of the one sample named <paramref name="name"/> in a Prometheus text page.</summary>
    private static double SampleValue(string page, string name)
    {
        var line = Assert.Single(page.Split('\n'), l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Readiness_WithAFailingReadyCheck_ReportsUnavailable()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.AddDisambigHttp(o => o.Urls = "http://127.0.0.1:0");
        builder.Services.AddHealthChecks().AddReadinessCheck<AlwaysUnhealthy>("model");
        await using var app = builder.Build();
        app.MapDisambigHttp();
        await app.StartAsync();
        var address = AddressesOf(app).Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }

    private sealed class AlwaysUnhealthy : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
    {
        public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
            Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("no model loaded"));
    }
}
