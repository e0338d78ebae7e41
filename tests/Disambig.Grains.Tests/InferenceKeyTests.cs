namespace Disambig.Grains.Tests;

public sealed class InferenceKeyTests
{
    [Fact]
    public void ModelVersionOf_KeyOfVersionWithSlashes_ReturnsTheVersion()
    {
        Assert.Equal("metric/d32", InferenceKey.ModelVersionOf(InferenceKey.Of("metric/d32", 3)));
    }

    [Fact]
    public void SlotFor_ManyTracks_IsStableAndSpreadsOverEverySlot()
    {
        var slots = Enumerable.Range(0, 400).Select(i => InferenceKey.SlotFor($"track-{i}", 4)).ToList();
        Assert.Equal(slots, Enumerable.Range(0, 400).Select(i => InferenceKey.SlotFor($"track-{i}", 4)));
        Assert.Equal([0, 1, 2, 3], slots.Distinct().Order());
    }
}
