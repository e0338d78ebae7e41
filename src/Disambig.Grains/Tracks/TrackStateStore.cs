using Orleans.Storage;

namespace Disambig.Grains.Tracks;

/// <summary>
/// A track grain's persisted <see cref="TrackState"/>, read only when one may exist. A track its name has never asked
/// (<see cref="TrackEmbedRequest.NewTrack"/>) has no state to read: its first write creates the state only if none
/// exists (the grain storage's empty entity tag: <c>If-None-Match: *</c> on blobs), so a first sweep costs a track one
/// write instead of a read that finds nothing and a write. Should a state exist after all (the track was credited to
/// another name before, or a run lost with its sweep partition had stored it), the write is refused; the stored state
/// is then read and its answer wins, or the change is applied to it and written with its entity tag: a wrong hint costs
/// the work done, never a stored vector or failure.
/// </summary>
internal sealed class TrackStateStore(IGrainStorage storage, GrainId grainId)
{
    /// <summary>The state's name in the grain storage (as the persistent state of the track grain was named: same blobs).</summary>
    public const string StateName = "track";

    private readonly GrainState<TrackState> _state = new(new TrackState());
    private bool _read;

    /// <summary>The state as known: read, written, or empty when assumed absent (<see cref="ReadAsync"/> not called).</summary>
    public TrackState State => _state.State ??= new TrackState();

    /// <summary>True once the state was read from storage by this activation.</summary>
    public bool IsRead => _read;

    /// <summary>Reads the state (once per activation); an absent state reads as an empty one.</summary>
    public async Task<TrackState> ReadAsync()
    {
        if (_read) return State;
        await storage.ReadStateAsync(StateName, grainId, _state);
        _read = true;
        return State;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the state and writes it when it changed anything (true). A state assumed
    /// absent and found to exist is read, and <paramref name="stored"/> asked about it: its answer (what the stored state
    /// already says) is returned and nothing written; when it has none, the change is applied to the stored state and
    /// written. Returns null when the change stands.
    /// </summary>
    /// <typeparam name="T">The answer a stored state may give instead.</typeparam>
    public async Task<T?> WriteAsync<T>(Func<TrackState, T?> stored, Func<TrackState, bool> change) where T : class
    {
        if (!change(State)) return null;
        try
        {
            await storage.WriteStateAsync(StateName, grainId, _state);
            return null;
        }
        catch (InconsistentStateException) when (!_read)
        {
            // Assumed absent, yet a state exists: the first write created nothing, so read it and decide again.
            _state.State = new TrackState();
            await ReadAsync();
        }
        if (stored(State) is { } answer) return answer;
        if (change(State)) await storage.WriteStateAsync(StateName, grainId, _state);
        return null;
    }

    /// <summary>Deletes the state when one exists (read first).</summary>
    public async Task ClearAsync()
    {
        await ReadAsync();
        if (_state.RecordExists) await storage.ClearStateAsync(StateName, grainId, _state);
    }
}
