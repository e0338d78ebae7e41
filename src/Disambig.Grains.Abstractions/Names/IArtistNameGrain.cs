namespace Disambig.Grains;

/// <summary>What <see cref="IArtistNameGrain.AddTracks"/> changed.</summary>
/// <param name="Changed">Tracks new or changed by this call.</param>
/// <param name="AwaitsSweep">
/// True while the name's tracks changed (by this call or an earlier one) since the last sweep run that covered them:
/// a run that completed with an outcome (done, no usable tracks, or unchanged), whatever the sweep.
/// </param>
[GenerateSerializer, Immutable, Alias("Disambig.TracksAdded")]
public sealed record TracksAdded([property: Id(0)] int Changed, [property: Id(1)] bool AwaitsSweep);

/// <summary>
/// One credited artist name (key: the normalised name). Holds the name's tracks; in a sweep it gathers every track's
/// vector with bounded concurrency, clusters them with Ward and the model's threshold, and persists the result.
/// </summary>
[Alias("Disambig.IArtistNameGrain")]
public interface IArtistNameGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds tracks to the name, replacing tracks of the same id; returns how many were new or changed, and whether the
    /// name awaits a sweep (its tracks changed since the last sweep run that covered them).
    /// </summary>
    /// <remarks>
    /// Called by a catalog partition within its <see cref="ICatalogPartitionGrain.Ingest"/> (10 minutes): a slow store
    /// (Azurite on a loaded machine, a big name's track pages) must not fail the whole batch after Orleans' default
    /// 30 s. Idempotent, so a batch retried after a timeout adds nothing twice.
    /// </remarks>
    [Alias("AddTracks"), ResponseTimeout("00:05:00")]
    Task<TracksAdded> AddTracks(string displayName, IReadOnlyList<TrackRef> tracks);

    /// <summary>The name's tracks, in the order they were added (all in one message: for a big name, read <see cref="GetTrackPage"/>).</summary>
    [Alias("GetTracks")]
    Task<IReadOnlyList<TrackRef>> GetTracks();

    /// <summary>At most <paramref name="limit"/> (up to <see cref="NameResultPages.MaxPageSize"/>) of the name's tracks from <paramref name="offset"/>, in the order they were added.</summary>
    [Alias("GetTrackPage")]
    Task<TrackRefPage> GetTrackPage(int offset, int limit);

    /// <summary>
    /// The name's tracks of the given ids (at most <see cref="NameResultPages.MaxPageSize"/>), in the order asked; ids
    /// that are not the name's are left out. What a view of a few tracks of a big name reads, instead of every page.
    /// </summary>
    [Alias("FindTracks")]
    Task<IReadOnlyList<TrackRef>> FindTracks(IReadOnlyList<string> trackIds);

    /// <summary>
    /// At most <paramref name="limit"/> (up to <see cref="NameResultPages.MaxPageSize"/>) tracks of the latest result from
    /// <paramref name="offset"/>, each with its entity or its failure: the whole of a <see cref="NameResult.Paged"/> result.
    /// </summary>
    [Alias("GetAssignments")]
    Task<TrackAssignmentPage> GetAssignments(int offset, int limit);

    /// <summary>
    /// Starts the name's run for a sweep and returns at once; asked again, returns where the run is (restarting it after
    /// a lost activation, or returning the persisted outcome once done). When done the name tells the sweep. A name whose
    /// audio is unchanged since its result answers its <see cref="NameDecision.Unchanged"/> outcome in this call (one
    /// listing per release folder, no track asked); with <see cref="NameRunRequest.CheckOnly"/>, a name that must run
    /// answers <see cref="NameRunState.MustRun"/> and starts nothing.
    /// </summary>
    [Alias("Disambiguate")]
    Task<NameRunStatus> Disambiguate(NameRunRequest request);

    /// <summary>The latest result, or null before the first completed run.</summary>
    [Alias("GetResult")]
    Task<NameResult?> GetResult();

    /// <summary>
    /// Applies a curator's decision to the latest result (accept, reject, move a track), stores it durably with the
    /// curator and the time in the name's audit log, and rewrites the result; refused decisions change nothing.
    /// </summary>
    [Alias("Decide")]
    Task<CurationAnswer> Decide(CurationRequest request);

    /// <summary>The name's audit log: every applied decision, oldest first.</summary>
    [Alias("GetDecisions")]
    Task<IReadOnlyList<CurationDecision>> GetDecisions();

    /// <summary>The latest result's picture (2-D projection and dendrogram), or null before the first run.</summary>
    [Alias("GetPicture")]
    Task<NamePicture?> GetPicture();
}
