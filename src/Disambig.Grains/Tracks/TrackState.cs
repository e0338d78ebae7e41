using Disambig.Vectors;

namespace Disambig.Grains.Tracks;

/// <summary>A vector computed for one model version, and the sweep that computed it.</summary>
[GenerateSerializer, Alias("Disambig.CachedVector")]
public sealed record CachedVector([property: Id(0)] string ModelVersion, [property: Id(1)] float[] Vector, [property: Id(2)] string ComputedBySweep)
{
    /// <summary>
    /// The features the vector was computed from (<see cref="VectorFeatures"/>'s text); null in state written before they
    /// were recorded, whose vectors were cut at their model's segment length: read as the features asked for, so no
    /// track is embedded again for it.
    /// </summary>
    [Id(3)] public string? Features { get; init; }

    /// <summary>What the vector was computed from, for the audio of <paramref name="etag"/>.</summary>
    public TrackVectorKey KeyFor(string etag, string wantedFeatures) => new(etag, ModelVersion, Features ?? wantedFeatures);
}

/// <summary>What a track grain persists: everything is valid only for the audio of <see cref="AudioETag"/>.</summary>
[GenerateSerializer, Alias("Disambig.TrackState")]
public sealed class TrackState
{
    /// <summary>Most model versions whose vectors are kept: the current and the previous one.</summary>
    public const int MaxVersions = 2;

    /// <summary>ETag of the audio the vectors and failure belong to.</summary>
    [Id(0)] public string? AudioETag { get; set; }

    /// <summary>Vectors per model version, oldest first.</summary>
    [Id(1)] public List<CachedVector> Vectors { get; set; } = [];

    /// <summary>
    /// A remembered failure of this audio: a permanent one (bad audio) holds for every model; a model-dependent one only
    /// for <see cref="FailureModelVersion"/>. Transient failures are never kept.
    /// </summary>
    [Id(2)] public TrackFailure? Failure { get; set; }

    /// <summary>The model version a model-dependent <see cref="Failure"/> belongs to.</summary>
    [Id(3)] public string? FailureModelVersion { get; set; }

    /// <summary>The kept vector that serves <paramref name="wanted"/> (<see cref="TrackVectorKey.Serves"/>), or null.</summary>
    public CachedVector? Find(TrackVectorKey wanted) =>
        AudioETag is { } etag ? Vectors.FirstOrDefault(v => v.KeyFor(etag, wanted.Features).Serves(wanted)) : null;

    /// <summary>The remembered failure of the audio of <paramref name="etag"/> that holds for <paramref name="modelVersion"/>, or null.</summary>
    public TrackFailure? FailureOf(string etag, string modelVersion) =>
        AudioETag != etag || Failure is null ? null : Failure.Class switch
        {
            TrackFailureClass.Permanent => Failure,
            TrackFailureClass.ModelDependent when FailureModelVersion == modelVersion => Failure,
            // Transient (only in state written before failures had classes): tried again.
            _ => null,
        };

    /// <summary>
    /// Keeps <paramref name="vector"/> as the vector of <paramref name="key"/>'s audio, model and features, dropping
    /// everything of other audio, the model's vector of other features, and the oldest versions.
    /// </summary>
    public void Keep(TrackVectorKey key, float[] vector, string computedBySweep)
    {
        Keep(key.AudioETag, new CachedVector(key.Model, vector, computedBySweep) { Features = key.Features });
    }

    /// <summary>Keeps <paramref name="vector"/> for <paramref name="etag"/>, dropping everything of other audio and the oldest versions.</summary>
    public void Keep(string etag, CachedVector vector)
    {
        ForAudio(etag);
        Vectors.RemoveAll(v => v.ModelVersion == vector.ModelVersion);
        Vectors.Add(vector);
        if (Vectors.Count > MaxVersions) Vectors.RemoveRange(0, Vectors.Count - MaxVersions);
    }

    /// <summary>
    /// Remembers <paramref name="failure"/> of the audio of <paramref name="etag"/> with <paramref name="modelVersion"/>;
    /// false (nothing changed) for a transient failure, which is never remembered.
    /// </summary>
    public bool Fail(string etag, TrackFailure failure, string modelVersion)
    {
        if (failure.Class == TrackFailureClass.Transient) return false;
        ForAudio(etag);
        Failure = failure;
        FailureModelVersion = failure.Class == TrackFailureClass.ModelDependent ? modelVersion : null;
        return true;
    }

    private void ForAudio(string etag)
    {
        if (AudioETag == etag) return;
        AudioETag = etag;
        Vectors.Clear();
        Failure = null;
        FailureModelVersion = null;
    }
}
