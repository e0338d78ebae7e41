namespace Disambig.Storage.Tests;

public sealed class BlobNameTests
{
    [Theory]
    [InlineData("catalog/audio/Bill Evans/track 01.flac")]
    [InlineData("models/2026-11-27/model.bin")]
    [InlineData("résultats/Sigur Rós.json")]
    public void Validate_RelativeNames_AreAccepted(string name) => Assert.Equal(name, BlobName.Validate(name));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("..", "'..'")]
    [InlineData("a/./b", "'.'")]
    [InlineData("/abs", "absolute")]
    [InlineData("a\\b", "backslash")]
    [InlineData("a\u0000b", "control")]
    [InlineData("a//b", "empty path segment")]
    public void Validate_UnsafeNames_AreRejectedWithTheReason(string name, string reason)
    {
        var error = Assert.Throws<InvalidBlobNameException>(() => BlobName.Validate(name));
        Assert.Contains(reason, error.Reason);
    }
}
