using System.Security.Cryptography;
using System.Text;
using Orleans.Serialization;
using Orleans.Storage;

namespace Disambig.Silo.Storage;

/// <summary>
/// Grain state as files under one folder (<c>{state name}/{grain id}.state</c>, Orleans binary serialisation), so the
/// embedded default keeps sweeps, names and the track-vector cache across runs without any server. Meant for one
/// silo process: a write without an ETag creates the state only if none exists (<see cref="InconsistentStateException"/>
/// otherwise); a write with one replaces the file whatever its stamp.
/// </summary>
internal sealed class LocalFolderGrainStorage(string root, Serializer serializer) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>
    /// Nothing to start (the folder exists from registration); a participant so that it can stand in for a provider
    /// that is one, whose lifecycle registration casts the provider (the bench's local store replaces Azure blobs).
    /// </summary>
    public void Participate(ISiloLifecycle observer)
    {
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var file = new FileInfo(PathOf(stateName, grainId));
        if (!file.Exists)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }
        var bytes = await File.ReadAllBytesAsync(file.FullName);
        grainState.State = serializer.Deserialize<T>(bytes);
        grainState.RecordExists = true;
        grainState.ETag = StampOf(file);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        await File.WriteAllBytesAsync(temporary, serializer.SerializeToArray(grainState.State));
        try
        {
            // No entity tag: the state is created only if none exists, as Azure blobs (If-None-Match: *) and memory storage do.
            File.Move(temporary, path, overwrite: grainState.ETag is not null);
        }
        catch (IOException e) when (grainState.ETag is null && File.Exists(path))
        {
            File.Delete(temporary);
            throw new InconsistentStateException($"The state {path} exists; it was written without an entity tag (create only).", "(existing)", "(none)", e);
        }
        grainState.RecordExists = true;
        grainState.ETag = StampOf(new FileInfo(path));
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        File.Delete(PathOf(stateName, grainId));
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
        grainState.ETag = null;
        return Task.CompletedTask;
    }

    private string PathOf(string stateName, GrainId grainId)
    {
        // Grain keys come from catalogs (names, track ids): escaped, and hashed when too long for a file name.
        var escaped = Uri.EscapeDataString(grainId.ToString());
        if (escaped.Length > 200)
            escaped = escaped[..100] + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(escaped)));
        return Path.Combine(root, Uri.EscapeDataString(stateName), escaped + ".state");
    }

    private static string StampOf(FileInfo file) => file.LastWriteTimeUtc.Ticks.ToString("x");
}
