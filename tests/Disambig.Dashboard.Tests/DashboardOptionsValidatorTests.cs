using Disambig.Dashboard.Security;

namespace Disambig.Dashboard.Tests;

public sealed class DashboardOptionsValidatorTests
{
    private const string GoodToken = "0123456789abcdef0123456789abcdef";

    private static readonly DashboardOptionsValidator Validator = new();

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://localhost:8080")]
    [InlineData("http://[::1]:8080")]
    [InlineData("http://127.0.0.5:9000;https://127.0.0.1:9443")]
    public void Validate_LoopbackWithoutToken_Succeeds(string urls) =>
        Assert.True(Validator.Validate(null, new DashboardOptions { Urls = urls }).Succeeded);

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://disambig.example.org:8080")]
    [InlineData("http://127.0.0.1:8080;http://10.0.0.4:8080")]
    public void Validate_BeyondLoopbackWithoutToken_FailsNamingTheSetting(string urls)
    {
        var result = Validator.Validate(null, new DashboardOptions { Urls = urls });
        Assert.True(result.Failed);
        Assert.Contains("Disambig:Http:BearerToken", result.FailureMessage);
    }

    [Fact]
    public void Validate_EmptyCuratorNameForTheToken_FailsNamingTheSetting()
    {
        var result = Validator.Validate(null, new DashboardOptions { BearerToken = GoodToken, BearerTokenName = " " });
        Assert.True(result.Failed);
        Assert.Contains("Disambig:Http:BearerTokenName", result.FailureMessage);
    }

    [Fact]
    public void Validate_BeyondLoopbackWithShortToken_Fails()
    {
        var result = Validator.Validate(null, new DashboardOptions { Urls = "http://0.0.0.0:8080", BearerToken = "short" });
        Assert.True(result.Failed);
        Assert.Contains("at least", result.FailureMessage);
    }

    [Fact]
    public void Validate_BeyondLoopbackWithToken_Succeeds() =>
        Assert.True(Validator.Validate(null, new DashboardOptions { Urls = "http://0.0.0.0:8080", BearerToken = GoodToken }).Succeeded);

    [Fact]
    public void Validate_NotAnHttpUrl_Fails() =>
        Assert.True(Validator.Validate(null, new DashboardOptions { Urls = "ftp://127.0.0.1:21" }).Failed);
}
