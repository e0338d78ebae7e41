using Disambig.Embedding.Networks;

namespace Disambig.Embedding.Checkpoints;

/// <summary>A network whose weights were verified and loaded completely, with its metadata. Owns the network.</summary>
public sealed record LoadedModel(EmbeddingNetwork Network, CheckpointMetadata Metadata) : IDisposable
{
    public void Dispose() => Network.Dispose();
}
