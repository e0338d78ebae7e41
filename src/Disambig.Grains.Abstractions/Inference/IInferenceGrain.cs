using Disambig.Segments;

namespace Disambig.Grains;

/// <summary>
/// A front door to the inference silo's singleton model service (key: <see cref="InferenceKey"/>, "{modelVersion}/{slot}").
/// Placed only on silos with the inference role; reentrant, so many tracks' segments meet in one batch.
/// </summary>
[Alias("Disambig.IInferenceGrain")]
public interface IInferenceGrain : IGrainWithStringKey
{
    /// <summary>Embeds the segments (float16 mel power) with the model version of this grain's key.</summary>
    [Alias("Embed"), ResponseTimeout("00:02:00")]
    Task<EmbeddingBatch> Embed(HalfSegmentBatch segments);

    /// <summary>The silo hosting this activation (for placement checks and diagnostics).</summary>
    [Alias("HostingSilo")]
    Task<string> HostingSilo();
}

/// <summary>Keys of inference grains: a model version and one of several slots, so requests spread over activations.</summary>
public static class InferenceKey
{
    /// <summary>The key of slot <paramref name="slot"/> of <paramref name="modelVersion"/>.</summary>
    public static string Of(string modelVersion, int slot) => $"{modelVersion}/{slot}";

    /// <summary>The model version of a key made by <see cref="Of"/>.</summary>
    public static string ModelVersionOf(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash <= 0) throw new ArgumentException($"Inference grain key '{key}' is not '{{modelVersion}}/{{slot}}'.", nameof(key));
        return key[..slash];
    }

    /// <summary>A stable slot in [0, slots) for a track, so one track always meets the same activation.</summary>
    public static int SlotFor(string trackId, int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        // FNV-1a: string.GetHashCode is randomised per process, and every silo must agree.
        uint hash = 2166136261;
        foreach (var c in trackId)
        {
            hash = (hash ^ c) * 16777619;
        }
        return (int)(hash % (uint)slots);
    }
}
