using Microsoft.Extensions.Logging;

namespace Disambig.Grains.Names;

/// <summary>
/// Where a name keeps its tracks and result: in its grain state while small; a big name's tracks in pages of the results
/// store (the state holds their names and counts) and its whole result in the results store (the state holds its
/// <see cref="NameResult.Paged"/> summary), so the state of a name of 50 000 tracks stays well under 1 MB.
/// </summary>
internal sealed partial class ArtistNameGrain
{
    private NameTracks? _tracks;
    private NameResult? _wholeResult;

    /// <summary>The name's tracks, read once per activation (from the state, or from its pages).</summary>
    private async Task<NameTracks> TracksAsync()
    {
        if (_tracks is not null) return _tracks;
        if (state.State.TrackPages is not { } pages) return _tracks = new NameTracks(state.State.Tracks);
        var all = new List<TrackRef>(pages.Sum(p => p.Count));
        foreach (var page in pages) all.AddRange(await results.ReadTrackPageAsync(page.Blob, CancellationToken.None));
        return _tracks = new NameTracks(all);
    }

    /// <summary>
    /// Stores <paramref name="tracks"/>: in the state up to <see cref="Hosting.PipelineOptions.NameInlineTracks"/>, else
    /// in pages (only the pages whose content changed are written), then the state, then the pages no longer used are deleted.
    /// </summary>
    private async Task SaveTracksAsync(NameTracks tracks)
    {
        var before = state.State.TrackPages ?? [];
        if (tracks.Count <= options.Value.NameInlineTracks)
        {
            state.State.KeepTracks(tracks.All, null);
        }
        else
        {
            var existing = before.Select(p => p.Blob).ToHashSet(StringComparer.Ordinal);
            var pages = new List<TrackPageRef>();
            foreach (var page in tracks.Pages(options.Value.NameTrackPageSize))
            {
                pages.Add(await results.WriteTrackPageAsync(this.GetPrimaryKeyString(), pages.Count, page, existing, CancellationToken.None));
            }
            state.State.KeepTracks([], pages);
        }
        await state.WriteStateAsync();
        var kept = (state.State.TrackPages ?? []).Select(p => p.Blob).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in before.Where(p => !kept.Contains(p.Blob)))
        {
            try
            {
                await results.DeleteTrackPageAsync(stale.Blob, CancellationToken.None);
            }
            catch (Exception e)
            {
                // Only space: nothing references the page any more.
                LogPageNotDeleted(e, this.GetPrimaryKeyString(), stale.Blob);
            }
        }
    }

    /// <summary>The latest result, whole: the state's, or for a big name the results store's (read once per activation).</summary>
    private async Task<NameResult?> WholeResultAsync()
    {
        if (!state.State.ResultInStore) return state.State.Result;
        return _wholeResult ??= await results.ReadNameAsync(this.GetPrimaryKeyString(), CancellationToken.None)
            ?? throw new InvalidDataException($"The result of the name '{this.GetPrimaryKeyString()}' is missing from the results store.");
    }

    /// <summary>Keeps <paramref name="whole"/> (already written to the results store) as the latest result: itself, or its summary when big.</summary>
    private void KeepResult(NameResult whole)
    {
        var kept = state.State.KeepResult(whole, options.Value.NameInlineTracks);
        _wholeResult = kept.Paged ? whole : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Name '{Name}': the unused track page {Blob} could not be deleted")]
    private partial void LogPageNotDeleted(Exception error, string name, string blob);
}
