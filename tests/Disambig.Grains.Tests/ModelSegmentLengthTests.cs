using Disambig.Audio;
using Disambig.Grains.Hosting;
using Disambig.Vectors;

namespace Disambig.Grains.Tests;

/// <summary>The model says how it wants its audio: silos cut segments of the model's length, whatever their own options say.</summary>
public sealed class ModelSegmentLengthTests
{
    [Theory]
    [InlineData(9, 388)]
    [InlineData(3, 130)]
    public async Task AudioTrackFeatures_OnAHostOfThreeSecondOptions_CutsTheSegmentsTheModelAsksFor(int modelSeconds, int frames)
    {
        using var catalog = await DemoCatalog.GenerateAsync();
        using var features = new AudioTrackFeatures(TinyModel.Audio, new PipelineOptions().FeatureConcurrency);
        var track = catalog.Tracks[0];

        var segments = await features.ExtractAsync(Path.Combine(catalog.Folder, track.AudioPath), modelSeconds, CancellationToken.None);

        Assert.Equal(frames, segments.Frames);
        Assert.Equal(frames * MelSpectrogram.MelBands * segments.Count, segments.Values.Length);
    }

    [Fact]
    public void ModelRef_OfARegistrationThatRecordedNoSegmentLength_ReadsAsThePapersNineSeconds()
    {
        Assert.Equal(9, new ModelRef("old", 0.5, SegmentSeconds: 0).AudioSegmentSeconds);
        Assert.Equal(3, new ModelVersionInfo("new", 0.5, 32, DateTimeOffset.UnixEpoch, "test", 3).ToRef().AudioSegmentSeconds);
    }
}
