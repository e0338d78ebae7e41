using System.Security.Cryptography;
using System.Text;
using Disambig.Dashboard.Page;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Disambig.Dashboard.Security;

/// <summary>
/// When a bearer token is configured, answers 401 to any request without it, except the health probes
/// (which reveal only up/down) and the dashboard page's empty shell (which asks for the token and sends it with every
/// API call). Compares in constant time.
/// </summary>
public sealed class BearerTokenMiddleware(RequestDelegate next, IOptions<DashboardOptions> options)
{
    private readonly byte[]? _expected = options.Value.BearerToken is { Length: > 0 } token ? Encoding.UTF8.GetBytes(token) : null;

    public Task InvokeAsync(HttpContext context)
    {
        if (_expected is null || context.Request.Path.StartsWithSegments(HealthEndpoints.Prefix) || context.Request.Path == DashboardPage.Path)
            return next(context);
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), _expected))
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
