using System.Security.Cryptography;
using System.Text;

namespace Disambig.Grains.Names;

/// <summary>
/// What produced a name's result, in one hash: the model version and, for each track (sorted by id), its audio path
/// and its audio's entity tag. A sweep whose fingerprint equals the stored one would compute the same result, so the
/// name reports <see cref="NameDecision.Unchanged"/> without asking its tracks (pure: no grain, no I/O).
/// </summary>
public static class NameFingerprint
{
    /// <summary>Stands for a track without an audio object (no entity tag): the fingerprint changes when the audio appears.</summary>
    private const string NoAudio = "-";

    /// <summary>Hex SHA-256 of the model version and the (track id, audio path, entity tag) triples sorted by track id.</summary>
    /// <param name="modelVersion">The model every vector was embedded with.</param>
    /// <param name="tracks">The name's tracks.</param>
    /// <param name="etagOf">The entity tag of a track's audio, or null when it has none.</param>
    public static string Of(string modelVersion, IEnumerable<TrackRef> tracks, Func<TrackRef, string?> etagOf)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, "disambig-name-fingerprint-1");
        Append(hash, modelVersion);
        foreach (var track in tracks.OrderBy(t => t.TrackId, StringComparer.Ordinal))
        {
            Append(hash, track.TrackId);
            Append(hash, track.AudioPath);
            Append(hash, etagOf(track) ?? NoAudio);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// The fingerprint of a run's <paramref name="outcomes"/> (one per track, in the order of <paramref name="tracks"/>),
    /// or null when a later sweep could get another result from the same audio: a failure that is not remembered for
    /// this audio and model (a timeout, a lost silo) must be tried again, so such a result is never skipped.
    /// </summary>
    public static string? OfRun(string modelVersion, IReadOnlyList<TrackRef> tracks, IReadOnlyList<TrackOutcome> outcomes)
    {
        if (tracks.Count != outcomes.Count) throw new ArgumentException($"{outcomes.Count} outcomes for {tracks.Count} tracks.", nameof(outcomes));
        if (outcomes.Any(o => o.Failure is { Class: TrackFailureClass.Transient })) return null;
        if (outcomes.Any(o => o.AudioETag is null && o.Failure is not { Reason: TrackFailureReason.FileNotFound })) return null;
        var etags = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < tracks.Count; i++) etags[tracks[i].TrackId] = outcomes[i].AudioETag;
        return Of(modelVersion, tracks, track => etags[track.TrackId]);
    }

    /// <summary>
    /// The listings that cover <paramref name="audioPaths"/>: one per release folder (the path up to its last '/'),
    /// narrowed to the longest prefix the folder's wanted names share, with the last wanted name (ordinal) so a listing
    /// can stop there. Paths without a folder share no listing and are asked one by one (prefix null).
    /// </summary>
    public static IReadOnlyList<AudioListing> Listings(IEnumerable<string> audioPaths)
    {
        var listings = new List<AudioListing>();
        foreach (var folder in audioPaths.Distinct(StringComparer.Ordinal).GroupBy(FolderOf, StringComparer.Ordinal))
        {
            var names = folder.Order(StringComparer.Ordinal).ToList();
            if (folder.Key.Length == 0)
            {
                listings.AddRange(names.Select(name => new AudioListing(null, [name])));
                continue;
            }
            listings.Add(new AudioListing(CommonPrefix(names), names));
        }
        return listings;
    }

    private static string FolderOf(string path) => path.LastIndexOf('/') is var slash and > 0 ? path[..(slash + 1)] : "";

    private static string CommonPrefix(IReadOnlyList<string> sorted)
    {
        // Of names in ordinal order, the first and last share the prefix every name shares.
        var (first, last) = (sorted[0], sorted[^1]);
        var length = 0;
        while (length < first.Length && length < last.Length && first[length] == last[length]) length++;
        return first[..length];
    }

    private static void Append(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }
}

/// <summary>One storage call that finds the entity tags of <paramref name="Names"/>.</summary>
/// <param name="Prefix">List the objects under this prefix; null: ask the single name of <paramref name="Names"/> directly.</param>
/// <param name="Names">The wanted object names, in ordinal order.</param>
public sealed record AudioListing(string? Prefix, IReadOnlyList<string> Names);
