using Disambig.Catalog;
using Disambig.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Disambig.Dashboard.Api;

/// <summary>
/// The JSON API behind the dashboard page, read through the grain factory, so it answers the same inside a silo
/// process and in the embedded run: <c>/api/sweeps</c>, <c>/api/sweeps/{id}</c> (counters only),
/// <c>/api/sweeps/{id}/outcomes?cursor=&amp;limit=&amp;failures=</c> (paged), <c>/api/names/{name}</c>, <c>/api/models</c>, <c>/api/aliases</c>.
/// </summary>
public static class DashboardApi
{
    /// <summary>Outcomes per page when the request names no <c>limit</c>.</summary>
    public const int DefaultOutcomes = 50;

    /// <summary>Most outcomes per page.</summary>
    public const int MaxOutcomes = 500;

    /// <summary>Most sweeps <c>/api/sweeps</c> lists (the latest ones); range 1 to 500.</summary>
    public const int MaxSweeps = 500;

    /// <summary>Sweeps listed when the request names no <c>limit</c>.</summary>
    public const int DefaultSweeps = 20;

    public static IEndpointRouteBuilder MapDisambigApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/sweeps", ListSweepsAsync);
        api.MapGet("/sweeps/{id}", GetSweepAsync);
        api.MapGet("/sweeps/{id}/outcomes", GetOutcomesAsync);
        api.MapGet("/names/{**name}", GetNameAsync);
        api.MapGet("/models", GetModelsAsync);
        api.MapDisambigCuration();
        api.MapDisambigAliases();
        return endpoints;
    }

    /// <summary>The latest sweeps, newest first.</summary>
    private static async Task<IResult> ListSweepsAsync(IGrainFactory grains, SweepProgressSnapshots snapshots, int? limit)
    {
        var count = Math.Clamp(limit ?? DefaultSweeps, 1, MaxSweeps);
        var ids = await grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).ListSweeps();
        var latest = ids.TakeLast(count).Reverse().ToList();
        var progress = await Task.WhenAll(latest.Select(snapshots.GetAsync));
        return Results.Json(new { sweeps = progress.Select(SweepSummary.From).ToList() });
    }

    /// <summary>A sweep's counters, from this process's snapshot (<see cref="SweepProgressSnapshots"/>): no grain call while it is recent.</summary>
    private static async Task<IResult> GetSweepAsync(SweepProgressSnapshots snapshots, string id)
    {
        var progress = await snapshots.GetAsync(id);
        if (progress.State == SweepState.NotStarted) return Results.NotFound(new { error = $"No sweep '{id}' was started." });
        return Results.Json(SweepDetail.From(progress));
    }

    /// <summary>One page of a sweep's outcomes (with <c>failures=true</c>: only names with a failed track or no usable result).</summary>
    private static async Task<IResult> GetOutcomesAsync(IGrainFactory grains, SweepProgressSnapshots snapshots, string id, string? cursor, int? limit, bool? failures)
    {
        var sweep = grains.GetGrain<ISweepGrain>(id);
        var progress = await snapshots.GetAsync(id);
        if (progress.State == SweepState.NotStarted) return Results.NotFound(new { error = $"No sweep '{id}' was started." });
        try
        {
            var page = await sweep.ReadOutcomes(string.IsNullOrEmpty(cursor) ? null : cursor, Math.Clamp(limit ?? DefaultOutcomes, 1, MaxOutcomes), failures ?? false);
            return Results.Json(OutcomePageView.From(page));
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(new { error = e.Message.Split(" (Parameter", 2)[0] });
        }
    }

    /// <summary>
    /// A name's latest result; the name may be given as displayed ("Bill Evans") or as its key. The route takes the rest
    /// of the path so names with '/' work; the server leaves an escaped '/' (%2F) escaped, so it is unescaped here.
    /// Each entity lists one page of its tracks (<see cref="EntityTrackWindow"/>: <c>?limit=</c> per entity, default 100,
    /// at most 500; <c>&amp;entity=&amp;offset=</c> pages one entity), so a big name is never sent whole.
    /// </summary>
    private static async Task<IResult> GetNameAsync(IGrainFactory grains, string name, int? entity, int? offset, int? limit)
    {
        name = name.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(name)) return Results.BadRequest(new { error = "The name is empty." });
        EntityTrackWindow window;
        try
        {
            window = EntityTrackWindow.From(entity, offset, limit);
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(new { error = e.Message.Split(" (Parameter", 2)[0] });
        }
        var key = ArtistNameKey.From(name);
        var grain = grains.GetGrain<IArtistNameGrain>(key);
        if (await grain.GetResult() is not { } result) return Results.NotFound(new { error = $"No result for the name '{name}' yet." });
        var view = await NameViewReader.ReadAsync(grain, result, await grain.GetPicture(), window);
        return Results.Json(view with { PossiblyTheSameAs = await AliasApi.LinksAsync(grains, key) });
    }

    private static async Task<IResult> GetModelsAsync(IGrainFactory grains)
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey);
        return Results.Json(ModelsView.From(await registry.GetCurrent(), await registry.List()));
    }
}
