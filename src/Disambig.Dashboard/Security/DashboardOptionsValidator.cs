using System.Net;
using Microsoft.Extensions.Options;

namespace Disambig.Dashboard.Security;

/// <summary>Refuses to start an endpoint that would listen beyond loopback without a bearer token.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var failures = new List<string>();
        var urls = options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0) failures.Add("Disambig:Http:Urls names no URL.");
        var exposed = new List<string>();
        foreach (var url in urls)
        {
            // Kestrel accepts wildcard hosts ('*', '+') that Uri cannot parse; they listen everywhere.
            var host = url.Replace("://*", "://wildcard.invalid").Replace("://+", "://wildcard.invalid");
            if (!Uri.TryCreate(host, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                failures.Add($"Disambig:Http:Urls has '{url}', which is not an http(s) URL.");
                continue;
            }
            if (!IsLoopback(uri.Host)) exposed.Add(url);
        }
        if (exposed.Count > 0)
        {
            if (string.IsNullOrEmpty(options.BearerToken))
                failures.Add($"Listening on {string.Join(", ", exposed)} (beyond loopback) requires Disambig:Http:BearerToken.");
            else if (options.BearerToken.Length < DashboardOptions.MinimumTokenLength)
                failures.Add($"Disambig:Http:BearerToken must be at least {DashboardOptions.MinimumTokenLength} characters.");
        }
        if (string.IsNullOrWhiteSpace(options.BearerTokenName)) failures.Add("Disambig:Http:BearerTokenName must name the curator of the token.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
