using Disambig.Embedding.Inference;
using Microsoft.Extensions.Options;

namespace Disambig.Grains.Hosting;

/// <summary>Refuses to start a silo whose model-service options (<c>Disambig:Inference:*</c>) are out of range.</summary>
public sealed class EmbeddingServiceOptionsValidator : IValidateOptions<EmbeddingServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddingServiceOptions options) =>
        options.FindError() is { } error ? ValidateOptionsResult.Fail($"Disambig:Inference: {error}") : ValidateOptionsResult.Success;
}
