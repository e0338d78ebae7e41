using Disambig.Audio;
using Microsoft.Extensions.Configuration;

namespace Disambig.Silo.Tests;

public sealed class AudioOptionsBindingTests
{
    private static AudioOptions Read(Dictionary<string, string?> settings) =>
        AudioOptionsBinding.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void Read_NoSection_GivesTheDefaults()
    {
        var options = Read([]);

        Assert.Equal((AudioDecodeEngine.Ffmpeg, 4, true), (options.DecodeEngine, options.BatchTracks, options.PinDecodeProcesses));
    }

    [Fact]
    public void Read_DisambigAudioSection_ChoosesTheInProcessEngineAndItsSeekingDefault()
    {
        var options = Read(new() { ["Disambig:Audio:DecodeEngine"] = "Libav", ["Disambig:Audio:PinDecodeProcesses"] = "false" });

        Assert.Equal((AudioDecodeEngine.Libav, false, 1.0), (options.DecodeEngine, options.PinDecodeProcesses, options.WholeFileRatio));
    }

    [Fact]
    public void Read_ValueOutOfRange_FailsNamingTheSectionAndTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(new() { ["Disambig:Audio:BatchTracks"] = "0" }));

        Assert.StartsWith("Disambig:Audio: ", error.Message);
        Assert.Contains(nameof(AudioOptions.BatchTracks), error.Message);
    }
}
