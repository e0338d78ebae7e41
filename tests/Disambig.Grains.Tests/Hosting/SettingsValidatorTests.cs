using Disambig.Grains.Hosting;

namespace Disambig.Grains.Tests.Hosting;

/// <summary>A silo with a setting out of range refuses to start with one line naming the configuration key and the rule.</summary>
public sealed class SettingsValidatorTests
{
    [Fact]
    public void CurationValidator_OfAShareAboveOne_FailsNamingTheKey()
    {
        var result = new CurationOptionsValidator().Validate(null, new CurationOptions { ReopenRejectedSplitShare = 1.5 });

        Assert.True(result.Failed);
        Assert.Equal("Disambig:Curation:ReopenRejectedSplitShare: ReopenRejectedSplitShare must lie in [0, 1].", result.FailureMessage);
    }

    [Fact]
    public void CurationValidator_OfTheDefaults_Succeeds() =>
        Assert.True(new CurationOptionsValidator().Validate(null, new CurationOptions()).Succeeded);

    [Fact]
    public void PipelineValidator_OfTheDefaults_Succeeds() =>
        Assert.True(new PipelineOptionsValidator().Validate(null, new PipelineOptions()).Succeeded);

    [Fact]
    public void PipelineValidator_OfNoNameChecksAtOnce_FailsNamingTheKey()
    {
        var result = new PipelineOptionsValidator().Validate(null, new PipelineOptions { NameCheckWindow = 0 });

        Assert.True(result.Failed);
        Assert.Equal("Disambig:Pipeline:NameCheckWindow: NameCheckWindow must lie in [1, 1024].", result.FailureMessage);
    }

    [Fact]
    public void PipelineValidator_OfAnUnboundedDirectoryCache_FailsNamingTheKey()
    {
        var result = new PipelineOptionsValidator().Validate(null, new PipelineOptions { DirectoryCacheSize = 2_000_000 });

        Assert.True(result.Failed);
        Assert.Equal("Disambig:Pipeline:DirectoryCacheSize: DirectoryCacheSize must lie in [100, 1000000].", result.FailureMessage);
    }
}
