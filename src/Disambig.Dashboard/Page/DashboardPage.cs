using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Disambig.Dashboard.Page;

/// <summary>
/// Disambig's own page at <c>/</c>: one self-contained HTML file (styles and script inline, nothing fetched from
/// elsewhere) that polls the JSON API. It holds no data, so it is served without the bearer token; the API is not.
/// </summary>
public static class DashboardPage
{
    public static readonly PathString Path = "/";

    private const string ResourceName = "Disambig.Dashboard.index.html";

    private static readonly Lazy<byte[]> Html = new(() =>
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The dashboard page ({ResourceName}) is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointRouteBuilder MapDisambigPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, () => Results.Bytes(Html.Value, "text/html; charset=utf-8"));
        return endpoints;
    }
}
