using Orleans.Serialization.Cloning;
using Disambig.Segments;

namespace Disambig.Grains;

// The segment records live in Disambig.Segments, free of Orleans, so the libraries that compute them stay free of it
// too; these surrogates carry them on the wire, and the copiers pass them by reference within a silo (they are
// immutable, as the [Immutable] records they replace were).

/// <summary>Wire form of <see cref="SegmentBatch"/>.</summary>
[GenerateSerializer, Immutable, Alias("Disambig.SegmentBatch")]
public readonly record struct SegmentBatchSurrogate(
    [property: Id(0)] float[] Values, [property: Id(1)] int Count, [property: Id(2)] int Frames, [property: Id(3)] int Bands);

/// <summary>Wire form of <see cref="HalfSegmentBatch"/>.</summary>
[GenerateSerializer, Immutable, Alias("Disambig.HalfSegmentBatch")]
public readonly record struct HalfSegmentBatchSurrogate(
    [property: Id(0)] Half[] Values, [property: Id(1)] int Count, [property: Id(2)] int Frames, [property: Id(3)] int Bands);

/// <summary>Wire form of <see cref="EmbeddingBatch"/>.</summary>
[GenerateSerializer, Immutable, Alias("Disambig.EmbeddingBatch")]
public readonly record struct EmbeddingBatchSurrogate([property: Id(0)] float[] Values, [property: Id(1)] int Count, [property: Id(2)] int Dimension);

[RegisterConverter]
public sealed class SegmentBatchConverter : IConverter<SegmentBatch, SegmentBatchSurrogate>
{
    public SegmentBatch ConvertFromSurrogate(in SegmentBatchSurrogate surrogate) => new(surrogate.Values, surrogate.Count, surrogate.Frames, surrogate.Bands);

    public SegmentBatchSurrogate ConvertToSurrogate(in SegmentBatch value) => new(value.Values, value.Count, value.Frames, value.Bands);
}

[RegisterConverter]
public sealed class HalfSegmentBatchConverter : IConverter<HalfSegmentBatch, HalfSegmentBatchSurrogate>
{
    public HalfSegmentBatch ConvertFromSurrogate(in HalfSegmentBatchSurrogate surrogate) => new(surrogate.Values, surrogate.Count, surrogate.Frames, surrogate.Bands);

    public HalfSegmentBatchSurrogate ConvertToSurrogate(in HalfSegmentBatch value) => new(value.Values, value.Count, value.Frames, value.Bands);
}

[RegisterConverter]
public sealed class EmbeddingBatchConverter : IConverter<EmbeddingBatch, EmbeddingBatchSurrogate>
{
    public EmbeddingBatch ConvertFromSurrogate(in EmbeddingBatchSurrogate surrogate) => new(surrogate.Values, surrogate.Count, surrogate.Dimension);

    public EmbeddingBatchSurrogate ConvertToSurrogate(in EmbeddingBatch value) => new(value.Values, value.Count, value.Dimension);
}

/// <summary>A segment record is immutable: a call within a silo passes it as it is.</summary>
[RegisterCopier]
public sealed class SegmentBatchCopier : IDeepCopier<SegmentBatch>
{
    public SegmentBatch? DeepCopy(SegmentBatch? input, CopyContext context) => input;
}

/// <inheritdoc cref="SegmentBatchCopier"/>
[RegisterCopier]
public sealed class HalfSegmentBatchCopier : IDeepCopier<HalfSegmentBatch>
{
    public HalfSegmentBatch? DeepCopy(HalfSegmentBatch? input, CopyContext context) => input;
}

/// <inheritdoc cref="SegmentBatchCopier"/>
[RegisterCopier]
public sealed class EmbeddingBatchCopier : IDeepCopier<EmbeddingBatch>
{
    public EmbeddingBatch? DeepCopy(EmbeddingBatch? input, CopyContext context) => input;
}
