using Disambig.Grains.Catalog;

namespace Disambig.Grains.Tests;

public sealed class CatalogPartitioningTests
{
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Hash_OfKnownText_IsFnv1a32OfItsUtf8Bytes(string text, uint expected) =>
        Assert.Equal(expected, CatalogPartitioning.Hash(text));

    [Fact]
    public void PartitionOf_ManyNames_SpreadsThemOverEveryPartitionEvenly()
    {
        var counts = new int[16];
        for (var i = 0; i < 16_000; i++) counts[CatalogPartitioning.PartitionOf($"artist name {i}", counts.Length)]++;
        Assert.All(counts, count => Assert.InRange(count, 800, 1200));
    }

    [Fact]
    public void PartitionOf_NonAsciiName_DependsOnItsUtf8BytesOnly() =>
        Assert.Equal(CatalogPartitioning.PartitionOf("björk", 256), CatalogPartitioning.PartitionOf(new string("björk".ToCharArray()), 256));

    [Fact]
    public void ParseCursor_OfACursor_GivesBackItsPartitionAndName()
    {
        Assert.Equal((7, "name: with colon"), CatalogPartitioning.ParseCursor(CatalogPartitioning.Cursor(7, "name: with colon")));
        Assert.Equal((3, (string?)null), CatalogPartitioning.ParseCursor(CatalogPartitioning.Cursor(3, null)));
        Assert.Throws<ArgumentException>(() => CatalogPartitioning.ParseCursor("not a cursor"));
    }

    [Fact]
    public void After_WalkedPageByPage_GivesEveryNameOnceInOrder()
    {
        var partition = new CatalogPartitionNames();
        partition.Names.UnionWith(["b", "d", "a", "c", "e"]);
        var seen = new List<string>();
        string? after = null;
        for (var page = partition.After(after, 2); page.Count > 0; page = partition.After(after, 2))
        {
            seen.AddRange(page);
            after = page[^1];
        }
        Assert.Equal(["a", "b", "c", "d", "e"], seen);
        Assert.Equal(["c", "d"], partition.After("bb", 2));
        Assert.Empty(partition.After("e", 2));
        Assert.Equal(["a"], partition.After("0", 1));
    }
}
