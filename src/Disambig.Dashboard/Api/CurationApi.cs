using Disambig.Catalog;
using Disambig.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Disambig.Dashboard.Api;

/// <summary>
/// Curators' part of the JSON API: <c>POST /api/decisions</c> (accept, reject, move a track, accept an unsure name's proposed split), <c>GET /api/decisions?name=</c>
/// (a name's audit log) and <c>GET /api/review?cursor=&amp;limit=</c> (names awaiting a decision). Decisions are recorded
/// with <see cref="DashboardOptions.Curator"/>: the bearer token's configured name, or <c>local</c> without a token.
/// </summary>
public static class CurationApi
{
    /// <summary>Most names one page of <c>/api/review</c> lists; range 1 to 500.</summary>
    public const int MaxQueuePage = 500;

    /// <summary>Names listed when the request names no <c>limit</c>.</summary>
    public const int DefaultQueuePage = 50;

    /// <summary>
    /// A decision as posted: <c>action</c> is <c>accept</c>, <c>reject</c>, <c>move</c> (with <c>trackId</c> and an
    /// optional <c>toEntity</c>) or <c>accept-split</c> (a name kept whole for an unsure split: apply the proposed split).
    /// </summary>
    public sealed record DecisionBody(string? Name, string? Action, string? TrackId, int? ToEntity);

    public static IEndpointRouteBuilder MapDisambigCuration(this IEndpointRouteBuilder api)
    {
        api.MapPost("/decisions", DecideAsync);
        api.MapGet("/decisions", ListDecisionsAsync);
        api.MapGet("/review", ListQueueAsync);
        return api;
    }

    private static async Task<IResult> DecideAsync(IGrainFactory grains, IOptions<DashboardOptions> options, DecisionBody? body)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Name)) return Results.BadRequest(new { error = "The decision names no artist name." });
        if (ParseAction(body.Action) is not { } action)
            return Results.BadRequest(new { error = $"Unknown action '{body.Action}': use accept, reject, move or accept-split." });
        var grain = grains.GetGrain<IArtistNameGrain>(ArtistNameKey.From(body.Name));
        var answer = await grain.Decide(new CurationRequest(action, options.Value.Curator, body.TrackId, body.ToEntity));
        if (answer.Refusal is { } refusal)
        {
            var error = new { error = answer.Message, refusal = refusal.ToString() };
            return refusal switch
            {
                CurationRefusal.NoResult => Results.NotFound(error),
                CurationRefusal.NotApplicable => Results.Conflict(error),
                _ => Results.BadRequest(error),
            };
        }
        return Results.Json(new
        {
            decision = DecisionView.From(answer.Decision!),
            name = await NameViewReader.ReadAsync(grain, answer.Result!, await grain.GetPicture(), EntityTrackWindow.First),
        });
    }

    private static async Task<IResult> ListDecisionsAsync(IGrainFactory grains, string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return Results.BadRequest(new { error = "Give the artist name as ?name=." });
        var decisions = await grains.GetGrain<IArtistNameGrain>(ArtistNameKey.From(name)).GetDecisions();
        return Results.Json(new { decisions = decisions.Select(DecisionView.From).ToList() });
    }

    private static async Task<IResult> ListQueueAsync(IGrainFactory grains, string? cursor, int? limit)
    {
        var offset = 0;
        if (cursor is { Length: > 0 } && (!int.TryParse(cursor, out offset) || offset < 0))
            return Results.BadRequest(new { error = $"The cursor '{cursor}' is not one this API gave." });
        return Results.Json(await ReviewQueue.ReadAsync(grains, offset, Math.Clamp(limit ?? DefaultQueuePage, 1, MaxQueuePage)));
    }

    private static CurationAction? ParseAction(string? action) => action?.Trim().ToLowerInvariant() switch
    {
        "accept" => CurationAction.Accept,
        "reject" => CurationAction.Reject,
        "move" or "movetrack" => CurationAction.MoveTrack,
        "accept-split" or "acceptproposedsplit" => CurationAction.AcceptProposedSplit,
        _ => null,
    };
}
