namespace Disambig.Grains.Tracks;

/// <summary>A vector computed for one model version, and the sweep that computed it.</summary>
[GenerateSerializer, Alias("Disambig.CachedVector")]
public sealed record CachedVector([property: Id(0)] string ModelVersion, [property: Id(1)] float[] Vector, [property: Id(2)] string ComputedBySweep);

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

    /// <summary>A failure of this audio (decoding or embedding); never retried until the audio changes.</summary>
    [Id(2)] public TrackFailure? Failure { get; set; }

    /// <summary>The vector of <paramref name="modelVersion"/> for the audio of <paramref name="etag"/>, or null.</summary>
    public CachedVector? Find(string etag, string modelVersion) =>
        AudioETag == etag ? Vectors.FirstOrDefault(v => v.ModelVersion == modelVersion) : null;

    /// <summary>The recorded failure of the audio of <paramref name="etag"/>, or null.</summary>
    public TrackFailure? FailureOf(string etag) => AudioETag == etag ? Failure : null;

    /// <summary>Keeps <paramref name="vector"/> for <paramref name="etag"/>, dropping everything of other audio and the oldest versions.</summary>
    public void Keep(string etag, CachedVector vector)
    {
        ForAudio(etag);
        Vectors.RemoveAll(v => v.ModelVersion == vector.ModelVersion);
        Vectors.Add(vector);
        if (Vectors.Count > MaxVersions) Vectors.RemoveRange(0, Vectors.Count - MaxVersions);
    }

    /// <summary>Records <paramref name="failure"/> for the audio of <paramref name="etag"/>.</summary>
    public void Fail(string etag, TrackFailure failure)
    {
        ForAudio(etag);
        Failure = failure;
    }

    private void ForAudio(string etag)
    {
        if (AudioETag == etag) return;
        AudioETag = etag;
        Vectors.Clear();
        Failure = null;
    }
}
