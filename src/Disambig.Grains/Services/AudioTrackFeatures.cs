using Disambig.Audio;
using Disambig.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Disambig.Grains.Services;

/// <summary>
/// <see cref="ITrackFeatures"/> over the audio front end: at most <see cref="PipelineOptions.FeatureConcurrency"/> tracks
/// at once per silo, each on the thread pool so that decoding and mel never run on the Orleans scheduler.
/// </summary>
public sealed class AudioTrackFeatures(TrackFeatureExtractor extractor, IOptions<PipelineOptions> options) : ITrackFeatures, IDisposable
{
    private readonly SemaphoreSlim _gate = new(options.Value.FeatureConcurrency);

    public async Task<SegmentBatch> ExtractAsync(string localPath, CancellationToken cancellationToken)
    {
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

    public void Dispose() => _gate.Dispose();
}
