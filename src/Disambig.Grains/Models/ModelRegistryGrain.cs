using Disambig.Grains.Hosting;
using Microsoft.Extensions.Logging;

namespace Disambig.Grains.Models;

/// <summary>What the registry persists.</summary>
[GenerateSerializer, Alias("Disambig.RegistryState")]
public sealed class RegistryState
{
    [Id(0)] public List<ModelVersionInfo> Versions { get; set; } = [];

    [Id(1)] public string? Current { get; set; }
}

/// <summary>The registered model versions and the current one.</summary>
internal sealed partial class ModelRegistryGrain(
    [PersistentState("models", GrainStorage.Name)] IPersistentState<RegistryState> state,
    ILogger<ModelRegistryGrain> logger) : Grain, IModelRegistryGrain
{
    public async Task Register(ModelVersionInfo model, bool makeCurrent)
    {
        // A version registered again keeps its place in the list (oldest first).
        var index = state.State.Versions.FindIndex(v => v.Version == model.Version);
        if (index >= 0) state.State.Versions[index] = model;
        else state.State.Versions.Add(model);
        if (makeCurrent) state.State.Current = model.Version;
        await state.WriteStateAsync();
        LogRegistered(model.Version, model.Threshold, makeCurrent);
    }

    public Task<ModelVersionInfo?> GetCurrent() =>
        Task.FromResult(state.State.Versions.FirstOrDefault(v => v.Version == state.State.Current));

    public Task<IReadOnlyList<ModelVersionInfo>> List() => Task.FromResult<IReadOnlyList<ModelVersionInfo>>(state.State.Versions.ToList());

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Version} registered (threshold {Threshold}); current: {Current}")]
    private partial void LogRegistered(string version, double threshold, bool current);
}
