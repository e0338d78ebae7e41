using Disambig.Grains;
using Disambig.Grains.Services;

namespace Disambig.TestSupport.Pipeline;

/// <summary>
/// Plants names for the alias job without audio: the tracks are ingested into the catalog (with album and year), and a
/// name result with one placed entity per group of tracks is written to the results store, as a sweep would.
/// </summary>
public static class PlantedNames
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    /// <summary>One entity to plant: its stable number, its centroid and its tracks (id, album, year).</summary>
    public sealed record Entity(int Number, float[] Centroid, (string Track, string Album, int Year)[] Tracks);

    /// <summary><paramref name="direction"/> scaled to unit length.</summary>
    public static float[] Unit(params float[] direction)
    {
        var norm = MathF.Sqrt(direction.Sum(x => x * x));
        return [.. direction.Select(x => x / norm)];
    }

    /// <summary><paramref name="count"/> tracks <c>{prefix}1..</c> of one album and year.</summary>
    public static (string, string, int)[] SameAlbum(string prefix, string album, int year, int count) =>
        [.. Enumerable.Range(1, count).Select(i => ($"{prefix}{i}", album, year))];

    /// <summary>Ingests the tracks of <paramref name="name"/> (key: lower case) and writes its result.</summary>
    public static async Task PlantAsync(IGrainFactory grains, ResultStore results, string name, params Entity[] entities)
    {
        var key = name.ToLowerInvariant();
        var entries = entities.SelectMany(e => e.Tracks).Select(t =>
            new CatalogEntry(t.Track, key, name, $"{key}/{t.Track}.mp3", new TrackDetails(t.Track, t.Album, t.Year))).ToList();
        await grains.GetGrain<ICatalogGrain>(CatalogKeys.Default).Ingest(entries);
        var result = new NameResult(key, name, "planted", new ModelRef("v1", 0.5, 9), entities.Length > 1 ? NameDecision.Split : NameDecision.KeptWhole, 1,
            [.. entities.Select(e => new EntityResult(e.Number, [.. e.Tracks.Select(t => t.Track)], 1) { Place = new EntityPlacement(e.Centroid, 0.01, e.Tracks.Length) })],
            [], At);
        await results.WriteNameAsync(result, CancellationToken.None);
    }

    /// <summary>Asks the alias job for a run and polls until it is done (a bound on polls, not a timed assertion).</summary>
    public static async Task<AliasJobStatus> RefreshAliasesAsync(IGrainFactory grains, string trigger, IReadOnlyList<string>? names)
    {
        var job = grains.GetGrain<IAliasJobGrain>(AliasJobs.DefaultKey);
        await job.Refresh(new AliasRefresh(trigger, names));
        for (var poll = 0; poll < 600; poll++)
        {
            var status = await job.GetStatus();
            if (status.HasFinished(trigger)) return status;
            await Task.Delay(50);
        }
        throw new TimeoutException($"The alias run after {trigger} did not finish.");
    }
}
