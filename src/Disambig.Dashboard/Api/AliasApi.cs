using Disambig.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Disambig.Dashboard.Api;

/// <summary>One side of an alias suggestion as the API shows it.</summary>
public sealed record AliasSideView(string EntityId, string NameKey, string DisplayName, int Entity, int Tracks, double Spread, IReadOnlyList<string> Albums, IReadOnlyList<int> Years)
{
    public static AliasSideView From(AliasCandidateSide side) =>
        new(side.EntityId, side.NameKey, side.DisplayName, side.Entity, side.TrackCount, side.Spread, side.Albums, side.Years);
}

/// <summary>One alias suggestion: two entities under different names, probably one artist.</summary>
public sealed record AliasView(double Probability, bool LowEvidence, double Distance, bool NamesShareAnAlbum, AliasSideView Left, AliasSideView Right)
{
    public static AliasView From(AliasCandidate candidate) => new(candidate.Probability, candidate.LowEvidence, candidate.Distance,
        candidate.NamesShareAnAlbum, AliasSideView.From(candidate.Left), AliasSideView.From(candidate.Right));
}

/// <summary>A page of <c>/api/aliases</c>: the suggestions, the cursor of the next page, the total and the run they come from.</summary>
public sealed record AliasPageView(IReadOnlyList<AliasView> Aliases, string? NextCursor, int Total, string? RunId, string State, DateTimeOffset? CompletedAt);

/// <summary>"Possibly the same artist as …" on a name's view: an entity of this name and the entity of another name it may be.</summary>
/// <param name="Entity">The entity of the viewed name.</param>
/// <param name="Other">The entity under the other name.</param>
public sealed record AliasLinkView(int Entity, double Probability, bool LowEvidence, double Distance, AliasSideView Other);

/// <summary><c>GET /api/aliases?cursor=&amp;limit=</c>: the current alias suggestions, most probable first, paged.</summary>
public static class AliasApi
{
    /// <summary>Suggestions per page when the request names no limit.</summary>
    public const int DefaultPage = 50;

    public static IEndpointRouteBuilder MapDisambigAliases(this IEndpointRouteBuilder api)
    {
        api.MapGet("/aliases", ListAsync);
        return api;
    }

    /// <summary>The suggestions naming an entity of <paramref name="nameKey"/>, seen from that name.</summary>
    public static async Task<IReadOnlyList<AliasLinkView>> LinksAsync(IGrainFactory grains, string nameKey)
    {
        var found = await grains.GetGrain<IAliasJobGrain>(AliasJobs.DefaultKey).ForName(nameKey);
        return
        [
            .. found.Select(c =>
            {
                var own = c.Left.NameKey == nameKey ? c.Left : c.Right;
                return new AliasLinkView(own.Entity, c.Probability, c.LowEvidence, c.Distance, AliasSideView.From(c.OtherThan(nameKey)));
            }),
        ];
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains, string? cursor, int? limit)
    {
        var job = grains.GetGrain<IAliasJobGrain>(AliasJobs.DefaultKey);
        try
        {
            var page = await job.List(string.IsNullOrEmpty(cursor) ? null : cursor, Math.Clamp(limit ?? DefaultPage, 1, AliasJobs.MaxPageSize));
            var status = await job.GetStatus();
            return Results.Json(new AliasPageView([.. page.Items.Select(AliasView.From)], page.NextCursor, page.Total, page.RunId, status.State.ToString(), status.CompletedAt));
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(new { error = e.Message.Split(" (Parameter", 2)[0] });
        }
    }
}
