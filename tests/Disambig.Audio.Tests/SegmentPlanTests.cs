namespace Disambig.Audio.Tests;

public sealed class SegmentPlanTests
{
    private static readonly AudioOptions Default = new();

    [Fact]
    public void Create_FourMinuteTrack_GivesTenLinearlySpacedSegmentsFromStartToEnd()
    {
        var plan = SegmentPlan.Create("t.mp3", 240, Default);

        Assert.Equal(10, plan.Count);
        Assert.False(plan.Padded);
        Assert.Equal(198450, plan.SegmentSamples);
        Assert.Equal(388, plan.FramesPerSegment);
        Assert.Equal(0, plan.StartSamples[0]);
        Assert.Equal(plan.TrackSamples, plan.StartSamples[^1] + plan.SegmentSamples);
        var step = (plan.TrackSamples - plan.SegmentSamples) / 9.0;
        for (var i = 0; i < 10; i++)
            Assert.InRange(plan.StartSamples[i] - step * i, -0.5, 0.5);
    }

    [Fact]
    public void Create_ThreeSecondOption_Gives130FrameSegments()
    {
        var plan = SegmentPlan.Create("t.mp3", 60, new AudioOptions { SegmentSeconds = 3 });

        Assert.Equal(66150, plan.SegmentSamples);
        Assert.Equal(130, plan.FramesPerSegment);
        Assert.Equal(60 * 22050, plan.StartSamples[^1] + plan.SegmentSamples);
    }

    [Fact]
    public void Create_TrackShorterThanOneSegment_GivesOnePaddedSegment()
    {
        var plan = SegmentPlan.Create("t.mp3", 5, Default);

        Assert.True(plan.Padded);
        Assert.Equal([0L], plan.StartSamples);
        Assert.Equal(5 * 22050, plan.ValidSamples);
        Assert.Equal(198450, plan.SegmentSamples);
    }

    [Fact]
    public void Create_TrackOfExactlyOneSegment_GivesTenSegmentsAtZero()
    {
        var plan = SegmentPlan.Create("t.mp3", 9, Default);

        Assert.False(plan.Padded);
        Assert.All(plan.StartSamples, start => Assert.Equal(0, start));
    }

    [Theory]
    [InlineData(2.99)]
    [InlineData(0)]
    public void Create_TrackUnderThreeSeconds_ThrowsTooShortNamingTheFile(double seconds)
    {
        var error = Assert.Throws<AudioDecodeException>(() => SegmentPlan.Create("dir/song.ogg", seconds, Default));

        Assert.Equal(AudioErrorReason.TooShort, error.Reason);
        Assert.StartsWith("dir/song.ogg: ", error.Message);
    }

    [Theory]
    [InlineData(nameof(AudioOptions.SegmentSeconds))]
    [InlineData(nameof(AudioOptions.SegmentCount))]
    [InlineData(nameof(AudioOptions.MinimumTrackSeconds))]
    [InlineData(nameof(AudioOptions.SilenceThresholdDbfs))]
    [InlineData(nameof(AudioOptions.WholeFileDecodeMaxRatio))]
    [InlineData(nameof(AudioOptions.EndToleranceSeconds))]
    [InlineData(nameof(AudioOptions.ProbeTimeout))]
    [InlineData(nameof(AudioOptions.DecodeTimeout))]
    public void Validate_SettingOutOfRange_ThrowsNamingTheSetting(string setting)
    {
        var options = new AudioOptions();
        Action spoil = setting switch
        {
            nameof(AudioOptions.SegmentSeconds) => () => options.SegmentSeconds = 5,
            nameof(AudioOptions.SegmentCount) => () => options.SegmentCount = 0,
            nameof(AudioOptions.MinimumTrackSeconds) => () => options.MinimumTrackSeconds = 10,
            nameof(AudioOptions.SilenceThresholdDbfs) => () => options.SilenceThresholdDbfs = 3,
            nameof(AudioOptions.WholeFileDecodeMaxRatio) => () => options.WholeFileDecodeMaxRatio = 0.5,
            nameof(AudioOptions.EndToleranceSeconds) => () => options.EndToleranceSeconds = -1,
            nameof(AudioOptions.ProbeTimeout) => () => options.ProbeTimeout = TimeSpan.Zero,
            _ => () => options.DecodeTimeout = TimeSpan.FromHours(2),
        };
        spoil();

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(setting, error.ParamName);
    }
}
