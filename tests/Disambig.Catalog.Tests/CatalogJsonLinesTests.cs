using System.Text.Json;
using Disambig.Catalog;

namespace Disambig.Catalog.Tests;

public sealed class CatalogJsonLinesTests
{
    private const string ValidLine =
        """{"trackId":"t1","title":"Blue","artistName":"Bill Evans","albumId":"a1","releaseDate":"1961-06-25","genres":["jazz"],"audioPath":"audio/a1/01.flac"}""";

    internal static CatalogTrack Track(string id, string artist = "Bill Evans", string path = "audio/a1/01.flac", string? trueArtist = null) =>
        new(id, "Waltz for Debby", artist, trueArtist, "a1", "Sunday at the Village Vanguard", new DateOnly(1961, 6, 25), ["jazz", "cool jazz"], path);

    private static async Task<List<CatalogTrack>> ReadAsync(string text)
    {
        var tracks = new List<CatalogTrack>();
        await foreach (var track in CatalogJsonLines.ReadAsync(new StringReader(text), "test.jsonl"))
        {
            tracks.Add(track);
        }
        return tracks;
    }

    private static async Task<CatalogFormatException> ReadFailureAsync(string text, CatalogErrorKind kind, long lineNumber)
    {
        var failure = await Assert.ThrowsAsync<CatalogFormatException>(() => ReadAsync(text));
        Assert.Equal(kind, failure.Kind);
        Assert.Equal(lineNumber, failure.LineNumber);
        return failure;
    }

    private static async Task<string> WriteAsync(IEnumerable<CatalogTrack> tracks)
    {
        var writer = new StringWriter();
        await CatalogJsonLines.WriteAsync(writer, tracks);
        return writer.ToString();
    }

    [Fact]
    public async Task WriteThenRead_TracksWithAndWithoutOptionalFields_ReturnsEqualTracks()
    {
        CatalogTrack[] tracks = [Track("t1", trueArtist: "artist-0001"), Track("t2") with { AlbumTitle = null, Genres = [] }];

        var read = await ReadAsync(await WriteAsync(tracks));

        Assert.Equal(tracks, read);
    }

    [Fact]
    public async Task Write_Track_UsesDocumentedCamelCaseFieldsAndOmitsNulls()
    {
        var text = await WriteAsync([Track("t1") with { AlbumTitle = null }]);

        using var line = JsonDocument.Parse(text);
        var names = line.RootElement.EnumerateObject().Select(property => property.Name);
        Assert.Equal(["trackId", "title", "artistName", "albumId", "releaseDate", "genres", "audioPath"], names);
        Assert.Equal("1961-06-25", line.RootElement.GetProperty("releaseDate").GetString());
        Assert.EndsWith("\n", text);
    }

    [Fact]
    public async Task Write_NonAsciiTitle_WritesTheLettersThemselves()
    {
        var text = await WriteAsync([Track("t1") with { Title = "Café Ωmega" }]);

        Assert.Contains("\"title\":\"Café Ωmega\"", text);
    }

    [Fact]
    public async Task Read_BlankLines_SkipsThemAndKeepsLineNumbers()
    {
        await ReadFailureAsync(ValidLine + "\n\n   \n{not json\n", CatalogErrorKind.BadJson, 4);
    }

    [Fact]
    public async Task Read_BadJsonLine_ReportsBadJsonWithLineNumber()
    {
        var failure = await ReadFailureAsync(ValidLine + "\n" + ValidLine.Replace("t1", "t2") + "\n{\"trackId\": \"t3\",,}\n", CatalogErrorKind.BadJson, 3);

        Assert.StartsWith("test.jsonl line 3:", failure.Message);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    [InlineData("""{"trackId":"t1","title":"x","artistName":"y","albumId":"a","releaseDate":"June 1961","genres":[],"audioPath":"a.wav"}""")]
    [InlineData("""{"trackId":"t1","title":"x","artistName":"y","albumId":"a","releaseDate":"1961-06-25","genres":"jazz","audioPath":"a.wav"}""")]
    [InlineData("""{"trackId":"t1","title":"x","artistName":"y","albumId":"a","releaseDate":"1961-06-25","genres":[],"audioPath":"a.wav","audioPath":"../b.wav"}""")]
    public async Task Read_LineOfWrongShape_ReportsBadJson(string line)
    {
        await ReadFailureAsync(line, CatalogErrorKind.BadJson, 1);
    }

    [Theory]
    [InlineData("trackId")]
    [InlineData("title")]
    [InlineData("artistName")]
    [InlineData("albumId")]
    [InlineData("releaseDate")]
    [InlineData("genres")]
    [InlineData("audioPath")]
    public async Task Read_LineWithoutRequiredField_ReportsMissingFieldByName(string field)
    {
        var line = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(ValidLine)!;
        line.Remove(field);

        var failure = await ReadFailureAsync(ValidLine.Replace("t1", "t0") + "\n" + JsonSerializer.Serialize(line), CatalogErrorKind.MissingField, 2);

        Assert.Contains($"'{field}'", failure.Reason);
    }

    [Fact]
    public async Task Read_BlankTrackId_ReportsInvalidValue()
    {
        await ReadFailureAsync(ValidLine.Replace("\"t1\"", "\"  \""), CatalogErrorKind.InvalidValue, 1);
    }

    [Fact]
    public async Task Read_DuplicateTrackId_ReportsBothLines()
    {
        var failure = await ReadFailureAsync(ValidLine + "\n" + ValidLine.Replace("Blue", "Red") + "\n", CatalogErrorKind.DuplicateTrackId, 2);

        Assert.Contains("first on line 1", failure.Reason);
    }

    [Theory]
    [InlineData("../secret.wav")]
    [InlineData("audio/../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("audio\\..\\x.wav")]
    [InlineData("audio//x.wav")]
    [InlineData("./x.wav")]
    public async Task Read_UnsafeAudioPath_ReportsUnsafePathWithLineNumber(string path)
    {
        var unsafeLine = ValidLine.Replace("t1", "t2").Replace("audio/a1/01.flac", JsonEncodedText.Encode(path).ToString());

        await ReadFailureAsync(ValidLine + "\n" + unsafeLine, CatalogErrorKind.UnsafeAudioPath, 2);
    }

    [Fact]
    public async Task Write_TrackWithUnsafePath_RefusesToWriteIt()
    {
        var failure = await Assert.ThrowsAsync<CatalogFormatException>(() => WriteAsync([Track("t1"), Track("t2", path: "../x.wav")]));

        Assert.Equal(CatalogErrorKind.UnsafeAudioPath, failure.Kind);
        Assert.Equal(2, failure.LineNumber);
    }

    [Fact]
    public async Task WriteFileThenReadFile_Catalog_RoundTripsWithoutLeavingTemporaryFiles()
    {
        var folder = Directory.CreateTempSubdirectory("catalog-jsonl-");
        try
        {
            var path = Path.Combine(folder.FullName, "catalog.jsonl");
            CatalogTrack[] tracks = [Track("t1"), Track("t2", artist: "Ｂｉｌｌ Ｅｖａｎｓ")];

            await CatalogJsonLines.WriteFileAsync(path, tracks);

            Assert.Equal(tracks, await CatalogJsonLines.ReadFileAsync(path));
            Assert.Equal(["catalog.jsonl"], folder.GetFiles().Select(file => file.Name));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
