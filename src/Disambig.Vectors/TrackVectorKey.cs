using Disambig.Embedding.Inference;

namespace Disambig.Vectors;

/// <summary>
/// How a track's audio was cut and fed to a model: <see cref="SegmentSeconds"/> (the model's own, 9 or 3) and
/// <see cref="SegmentCount"/> linearly spaced segments, their mel spectrograms sent as float16 (as
/// <see cref="TrackVectoriser"/> sends every segment), pooled by <see cref="Pooling"/>. The mel conventions themselves
/// are fixed in the audio front end.
/// </summary>
public readonly record struct VectorFeatures(int SegmentSeconds, int SegmentCount, TrackPooling Pooling = TrackPooling.Mean)
{
    /// <summary>
    /// The text kept with cached vectors, e.g. <c>9s-10seg-f16</c> for the mean (the text vectors had before pooling was a
    /// choice, so they stay valid) and <c>9s-10seg-f16-median</c> for another pooling.
    /// </summary>
    public override string ToString() =>
        $"{SegmentSeconds}s-{SegmentCount}seg-f16" + (Pooling == TrackPooling.Mean ? "" : $"-{TrackPoolings.NameOf(Pooling)}");
}

/// <summary>
/// What a computed track vector was computed from, and so the one rule for reusing it, which the track grain's state and
/// evaluation's vector cache both apply (each keeps only its storage): a vector serves only the same audio content, the
/// same model and the same features. Rewritten audio, another model or other features mean another vector.
/// </summary>
/// <param name="AudioETag">Entity tag of the audio (it changes whenever the audio is rewritten).</param>
/// <param name="Model">The model: its registered version on the pipeline, the SHA-256 of its weights in evaluation.</param>
/// <param name="Features">How the audio was fed to the model (<see cref="VectorFeatures"/>'s text).</param>
public sealed record TrackVectorKey(string AudioETag, string Model, string Features)
{
    public TrackVectorKey(string audioETag, string model, VectorFeatures features)
        : this(audioETag, model, features.ToString())
    {
    }

    /// <summary>Whether a vector computed for this key can stand for the vector <paramref name="wanted"/> asks for.</summary>
    public bool Serves(TrackVectorKey wanted) =>
        string.Equals(AudioETag, wanted.AudioETag, StringComparison.Ordinal)
        && string.Equals(Model, wanted.Model, StringComparison.Ordinal)
        && string.Equals(Features, wanted.Features, StringComparison.Ordinal);
}
