using Disambig.Catalog;

namespace Disambig.Catalog.Tests;

public sealed class CatalogPathTests
{
    private readonly CatalogRoot _root = new(Path.Combine(Path.GetTempPath(), "catalog-root"));

    [Theory]
    [InlineData("audio/a1/01.flac")]
    [InlineData("x.wav")]
    [InlineData("audio/...a/..b/track..mp3")]
    [InlineData("Beyoncé/Déjà vu.m4a")]
    public void Resolve_SafeRelativePath_StaysUnderRoot(string path)
    {
        var resolved = _root.Resolve(path);

        Assert.StartsWith(_root.FullPath + Path.DirectorySeparatorChar, resolved);
        Assert.Equal(Path.Join(_root.FullPath, path), resolved);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../catalog-root2/x.wav")]
    [InlineData("a/../../x.wav")]
    [InlineData("a/b/../../../x.wav")]
    [InlineData("/etc/passwd")]
    [InlineData("//server/share/x.wav")]
    [InlineData("C:/x.wav")]
    [InlineData("C:x.wav")]
    [InlineData("file:///etc/passwd")]
    [InlineData("a\\..\\..\\x.wav")]
    [InlineData("a/./x.wav")]
    [InlineData("a/.../x.wav")]
    [InlineData("a/.. /x.wav")]
    [InlineData("a/x.wav/")]
    [InlineData("a\0/x.wav")]
    public void Resolve_PathThatCouldLeaveRoot_ThrowsNamingThePath(string path)
    {
        var failure = Assert.Throws<UnsafeCatalogPathException>(() => _root.Resolve(path));

        Assert.Equal(path, failure.PathAsGiven);
        Assert.False(string.IsNullOrWhiteSpace(failure.Reason));
    }

    [Fact]
    public void FindViolation_PathLongerThanBlobNameLimit_ReportsLength()
    {
        var path = string.Join('/', Enumerable.Repeat("abcdefghij", 100));

        Assert.Contains("longer", RelativeAudioPath.FindViolation(path));
    }

    [Fact]
    public void Resolve_Track_UsesItsAudioPath()
    {
        var track = CatalogJsonLinesTests.Track("t1", path: "audio/a1/02.ogg");

        Assert.Equal(Path.Join(_root.FullPath, "audio", "a1", "02.ogg"), _root.Resolve(track));
    }
}
