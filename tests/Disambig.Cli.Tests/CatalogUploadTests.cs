using Azure.Storage.Blobs.Models;
using Disambig.Catalog;
using Disambig.Catalog.Demo;
using Disambig.Cli.Pipeline.Upload;
using Disambig.Storage;
using Disambig.TestSupport;

namespace Disambig.Cli.Tests;

/// <summary>What <c>disambig catalog upload</c> copies, what it refuses, and how a rerun resumes (blobs on Azurite).</summary>
public sealed class CatalogUploadTests : IAsyncLifetime
{
    private readonly AzuriteContainer _azurite = new();
    private readonly TemporaryFolder _folder = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Plan_OfACatalogFolder_HoldsTheCatalogFileAndEachAudioFileUnderThePrefixAndNamesTheMissingOnes()
    {
        await WriteCatalogAsync(("a/one.wav", "aaa"), ("a/two.wav", "bb"), ("b/gone.wav", null));

        var plan = await CatalogUploadPlan.BuildAsync(_folder.Path, "/training/", CancellationToken.None);

        Assert.Equal(["training/catalog.jsonl", "training/a/one.wav", "training/a/two.wav"], plan.Items.Select(item => item.BlobName));
        Assert.Equal(["b/gone.wav"], plan.Missing);
        Assert.Equal(3, plan.Tracks);
        Assert.Equal(5 + new FileInfo(_folder["catalog.jsonl"]).Length, plan.TotalBytes);
    }

    [Fact]
    public async Task Plan_OfACatalogWithAPathLeavingItsFolder_IsRefusedNamingTheLineBeforeAnythingIsCopied()
    {
        await File.WriteAllTextAsync(_folder["catalog.jsonl"], Line("t1", "../secret.wav") + "\n");

        var error = await Assert.ThrowsAsync<CatalogFormatException>(() => CatalogUploadPlan.BuildAsync(_folder.Path, "", CancellationToken.None));

        Assert.Contains("line 1", error.Message);
        Assert.Contains("'..'", error.Message);
    }

    [Fact]
    public async Task Plan_UnderAnUnsafePrefix_IsRefused()
    {
        await WriteCatalogAsync(("one.wav", "a"));

        await Assert.ThrowsAsync<InvalidBlobNameException>(() => CatalogUploadPlan.BuildAsync(_folder.Path, "x/../..", CancellationToken.None));
    }

    [Fact]
    public async Task Upload_RunTwiceAfterOneFileChanged_CopiesEverythingThenOnlyTheChangedFile()
    {
        await WriteCatalogAsync(("a/one.wav", "first"), ("a/two.wav", "second"));
        var plan = await CatalogUploadPlan.BuildAsync(_folder.Path, "", CancellationToken.None);
        var uploader = new BlobFolderUploader(_azurite.Container, parallelism: 2);
        var reports = new List<UploadProgress>();

        var first = await uploader.UploadAsync(plan.Items, new Collect(reports), CancellationToken.None);
        await File.WriteAllTextAsync(_folder["a/two.wav"], "SECOND");
        var second = await uploader.UploadAsync(plan.Items, new Collect(reports), CancellationToken.None);

        Assert.Equal(new UploadSummary(3, 0, plan.TotalBytes), first);
        Assert.Equal(new UploadSummary(1, 2, 6), second);
        Assert.Equal("SECOND", (await _azurite.Container.GetBlobClient("a/two.wav").DownloadContentAsync()).Value.Content.ToString());
        BlobProperties properties = await _azurite.Container.GetBlobClient("a/one.wav").GetPropertiesAsync();
        Assert.Equal(System.Security.Cryptography.MD5.HashData("first"u8), properties.ContentHash);
        Assert.Equal(6, reports.Count);
        Assert.Equal(3, reports.Max(report => report.FilesDone));
    }

    private async Task WriteCatalogAsync(params (string Path, string? Content)[] files)
    {
        foreach (var (path, content) in files.Where(file => file.Content is not null))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_folder[path])!);
            await File.WriteAllTextAsync(_folder[path], content);
        }
        await File.WriteAllLinesAsync(_folder[DemoCatalogGenerator.CatalogFileName], files.Select((file, i) => Line($"t{i}", file.Path)));
    }

    private static string Line(string trackId, string audioPath) =>
        $$"""{"trackId":"{{trackId}}","title":"T","artistName":"A","albumId":"al","releaseDate":"2001-01-01","genres":["rock"],"audioPath":"{{audioPath}}"}""";

    private sealed class Collect(List<UploadProgress> reports) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
