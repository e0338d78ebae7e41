using Disambig.Grains.Hosting;

namespace Disambig.Grains.Tests;

/// <summary>How the pipeline's concurrency grows with the cluster.</summary>
public sealed class PipelineSizingTests
{
    [Fact]
    public void NameWindowFor_Unset_GrowsWithTheWorkerPoolsCores()
    {
        var options = new PipelineOptions();
        Assert.Equal(16, options.NameWindowFor(workerCores: 2));
        Assert.Equal(160, options.NameWindowFor(workerCores: 20));
        Assert.Equal(4096, options.NameWindowFor(workerCores: 100_000));
        Assert.Equal(8, options.NameWindowFor(workerCores: 0));
    }

    [Fact]
    public void NameWindowFor_Set_IsTheSettingWhateverThePool() =>
        Assert.Equal(3, new PipelineOptions { NameWindow = 3 }.NameWindowFor(workerCores: 64));

    [Fact]
    public void FeatureConcurrency_Default_KeepsTheAudioFrontsBatchesFull()
    {
        // Issue 14: with only the cores' worth of tracks in flight every track paid an ffmpeg start of its own.
        var audio = new Disambig.Audio.AudioOptions();
        Assert.Equal(audio.TracksInFlight, new PipelineOptions().FeatureConcurrency);
        Assert.Equal(2 * Environment.ProcessorCount * audio.BatchTracks, new PipelineOptions().FeatureConcurrency);
    }

    [Theory]
    [InlineData(4096, true)]
    [InlineData(4097, false)]
    [InlineData(0, false)]
    public void Validate_FeatureConcurrency_AcceptsUpTo4096(int concurrency, bool valid)
    {
        var options = new PipelineOptions { FeatureConcurrency = concurrency };

        var error = Record.Exception(options.Validate);

        if (valid)
            Assert.Null(error);
        else
            Assert.Equal(nameof(PipelineOptions.FeatureConcurrency), Assert.IsType<ArgumentOutOfRangeException>(error).ParamName);
    }

    [Fact]
    public void InferenceKeysFor_MoreInferenceSilos_GivesMoreKeys()
    {
        var options = new PipelineOptions { InferenceSlots = 4 };
        Assert.Equal((4, 4, 12), (options.InferenceKeysFor(0), options.InferenceKeysFor(1), options.InferenceKeysFor(3)));
    }
}
