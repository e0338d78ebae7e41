namespace Disambig.Grains;

/// <summary>The model versions of the cluster and the current one (key: "default").</summary>
[Alias("Disambig.IModelRegistryGrain")]
public interface IModelRegistryGrain : IGrainWithStringKey
{
    /// <summary>Registers a version (replacing one of the same name) and, when asked, makes it current.</summary>
    [Alias("Register")]
    Task Register(ModelVersionInfo model, bool makeCurrent);

    /// <summary>The current version, or null when none is registered.</summary>
    [Alias("GetCurrent")]
    Task<ModelVersionInfo?> GetCurrent();

    /// <summary>Every registered version, oldest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ModelVersionInfo>> List();
}

/// <summary>Key of the one registry grain.</summary>
public static class ModelRegistry
{
    public const string DefaultKey = "default";
}
