namespace Disambig.Dashboard;

/// <summary>The HTTP endpoint of a silo or the embedded host: dashboard page, JSON API, metrics, health.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Disambig:Http";

    /// <summary>
    /// Where to listen, as ';'-separated URLs. Default <c>http://127.0.0.1:8080</c>. Any host other than a
    /// loopback address (127.0.0.0/8, ::1, localhost) requires <see cref="BearerToken"/>.
    /// </summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// Secret every request must present as <c>Authorization: Bearer …</c> (health probes excepted).
    /// Required when listening beyond loopback; at least 24 characters. Default: none.
    /// </summary>
    public string? BearerToken { get; set; }

    /// <summary>
    /// The curator recorded for decisions made with <see cref="BearerToken"/> (review audit log). Default <c>curator</c>.
    /// Without a token (loopback only) decisions are recorded as <see cref="LocalCurator"/>.
    /// </summary>
    public string BearerTokenName { get; set; } = "curator";

    /// <summary>The curator recorded when no bearer token is configured.</summary>
    public const string LocalCurator = "local";

    /// <summary>Who decides: <see cref="BearerTokenName"/> when a token is configured, else <see cref="LocalCurator"/>.</summary>
    public string Curator => string.IsNullOrEmpty(BearerToken) ? LocalCurator : BearerTokenName;

    /// <summary>Minimum length of <see cref="BearerToken"/>.</summary>
    public const int MinimumTokenLength = 24;
}
