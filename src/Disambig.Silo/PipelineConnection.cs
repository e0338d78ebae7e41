namespace Disambig.Silo;

/// <summary>
/// Where the CLI's commands send their grain calls: the embedded default (an in-process silo with every role over a
/// work folder), started for the command and stopped after it.
/// </summary>
public sealed class PipelineConnection : IAsyncDisposable
{
    private readonly EmbeddedSilo _silo;

    private PipelineConnection(EmbeddedSilo silo, WorkFolder work)
    {
        _silo = silo;
        Work = work;
    }

    public IGrainFactory Grains => _silo.Grains;

    /// <summary>The work folder of the embedded silo.</summary>
    public WorkFolder Work { get; }

    /// <summary>Starts the embedded silo over <paramref name="settings"/>'s work and catalog folders.</summary>
    public static async Task<PipelineConnection> OpenEmbeddedAsync(EmbeddedPipelineSettings settings, CancellationToken cancellationToken) =>
        new(await EmbeddedPipeline.StartAsync(settings, cancellationToken), new WorkFolder(settings.WorkFolder));

    public ValueTask DisposeAsync() => _silo.DisposeAsync();
}
