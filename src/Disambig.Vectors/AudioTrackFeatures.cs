using Disambig.Segments;
using System.Collections.Concurrent;
using Disambig.Audio;

namespace Disambig.Vectors;

/// <summary>
/// <see cref="ITrackFeatures"/> over the audio front end: at most <c>concurrency</c> tracks
/// at once per process (a silo passes its pipeline's feature concurrency), each on the thread pool so that decoding and mel never run on the Orleans scheduler. The host's
/// <see cref="AudioOptions"/> give everything but the segment length, which each call takes from its model.
/// </summary>
public sealed class AudioTrackFeatures(AudioOptions audio, int concurrency) : ITrackFeatures, IDisposable
{
    private readonly SemaphoreSlim _gate = new(concurrency);
    private readonly ConcurrentDictionary<int, TrackFeatureExtractor> _extractors = new();

    public async Task<SegmentBatch> ExtractAsync(string localPath, int segmentSeconds, CancellationToken cancellationToken)
    {
        var extractor = ExtractorFor(segmentSeconds);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var features = await Task.Run(() => extractor.ExtractAsync(localPath, cancellationToken), cancellationToken);
            return new SegmentBatch(features.Mel, features.Segments, features.Frames, features.Bands);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <exception cref="ArgumentException">The model asks for a segment length the audio front end does not allow.</exception>
    private TrackFeatureExtractor ExtractorFor(int segmentSeconds) =>
        _extractors.GetOrAdd(segmentSeconds, seconds =>
        {
            var forModel = audio.ForSegments(seconds);
            forModel.Validate();
            return new TrackFeatureExtractor(forModel);
        });

    public void Dispose() => _gate.Dispose();
}
