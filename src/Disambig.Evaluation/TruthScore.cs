using Disambig.Clustering.Metrics;

namespace Disambig.Evaluation;

/// <summary>How a name's entities compare with the true artists of a labelled catalog.</summary>
/// <param name="TrueArtists">Distinct true artists among the name's usable tracks.</param>
/// <param name="Entities">Entities found.</param>
/// <param name="Ari">Adjusted Rand index of entities against true artists (1 = identical).</param>
/// <param name="Ami">Adjusted mutual information of entities against true artists (1 = identical).</param>
public sealed record TruthScore(int TrueArtists, int Entities, double Ari, double Ami)
{
    /// <summary>Scores the entities of one name (each a list of track ids); tracks without a known artist are left out.</summary>
    public static TruthScore Of(IReadOnlyList<IReadOnlyList<string>> entities, IReadOnlyDictionary<string, string> trueArtistOfTrack)
    {
        var tracks = entities
            .SelectMany((entity, index) => entity.Select(track => (Track: track, Entity: index + 1)))
            .Where(t => trueArtistOfTrack.ContainsKey(t.Track))
            .ToList();
        var artists = tracks.Select(t => trueArtistOfTrack[t.Track]).Distinct(StringComparer.Ordinal).ToList();
        int[] truth = [.. tracks.Select(t => artists.IndexOf(trueArtistOfTrack[t.Track]))];
        int[] found = [.. tracks.Select(t => t.Entity)];
        return new TruthScore(artists.Count, entities.Count, AdjustedRandIndex.Compute(truth, found), AdjustedMutualInformation.Compute(truth, found));
    }
}
