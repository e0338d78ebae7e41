using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Disambig.Catalog;

/// <summary>
/// Reads and writes catalogs as JSON Lines (<c>catalog.jsonl</c>): one track object per line, UTF-8, '\n' line ends,
/// blank lines ignored. Every line is validated; the first bad line stops the read with a
/// <see cref="CatalogFormatException"/> naming its number and the reason.
/// </summary>
public static class CatalogJsonLines
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Streams the tracks of a catalog, validating each line and refusing duplicate track ids.</summary>
    /// <param name="reader">The catalog text.</param>
    /// <param name="sourceName">Name used in error messages (usually the file path).</param>
    public static async IAsyncEnumerable<CatalogTrack> ReadAsync(
        TextReader reader, string sourceName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var firstLineOfId = new Dictionary<string, long>(StringComparer.Ordinal);
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            var track = ToTrack(Deserialize(text, sourceName, lineNumber), sourceName, lineNumber);
            if (!firstLineOfId.TryAdd(track.TrackId, lineNumber))
            {
                throw new CatalogFormatException(sourceName, lineNumber, CatalogErrorKind.DuplicateTrackId,
                    $"duplicate track id '{track.TrackId}' (first on line {firstLineOfId[track.TrackId]})");
            }
            yield return track;
        }
    }

    /// <summary>Reads a whole catalog file.</summary>
    public static Task<IReadOnlyList<CatalogTrack>> ReadFileAsync(string path, CancellationToken cancellationToken = default) =>
        ReadFileAsync(path, path, cancellationToken);

    /// <summary>Reads a whole catalog file, naming it <paramref name="sourceName"/> in errors (a blob rather than its download).</summary>
    public static async Task<IReadOnlyList<CatalogTrack>> ReadFileAsync(string path, string sourceName, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Utf8NoBom, detectEncodingFromByteOrderMarks: true);
        var tracks = new List<CatalogTrack>();
        await foreach (var track in ReadAsync(reader, sourceName, cancellationToken))
        {
            tracks.Add(track);
        }
        return tracks;
    }

    /// <summary>Writes tracks one per line. Tracks are validated by the reader's rules, so what is written can be read back.</summary>
    /// <exception cref="CatalogFormatException">A track breaks the rules; the line number is the one it would have had.</exception>
    public static async Task WriteAsync(TextWriter writer, IEnumerable<CatalogTrack> tracks, CancellationToken cancellationToken = default)
    {
        const string source = "catalog being written";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long lineNumber = 0;
        foreach (var track in tracks)
        {
            lineNumber++;
            var line = ToLine(track);
            ToTrack(line, source, lineNumber);
            if (!ids.Add(track.TrackId))
            {
                throw new CatalogFormatException(source, lineNumber, CatalogErrorKind.DuplicateTrackId, $"duplicate track id '{track.TrackId}'");
            }
            await writer.WriteAsync(JsonSerializer.Serialize(line, CatalogJsonContext.Lines.CatalogLine).AsMemory(), cancellationToken);
            await writer.WriteAsync("\n".AsMemory(), cancellationToken);
        }
    }

    /// <summary>Writes a catalog file atomically: to a temporary sibling first, then moved over <paramref name="path"/>.</summary>
    public static async Task WriteFileAsync(string path, IEnumerable<CatalogTrack> tracks, CancellationToken cancellationToken = default)
    {
        var temporary = path + ".partial";
        try
        {
            await using (var writer = new StreamWriter(temporary, append: false, Utf8NoBom))
            {
                await WriteAsync(writer, tracks, cancellationToken);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static CatalogLine Deserialize(string text, string source, long lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize(text, CatalogJsonContext.Lines.CatalogLine)
                ?? throw new CatalogFormatException(source, lineNumber, CatalogErrorKind.BadJson, "the line is JSON null, not a track object");
        }
        catch (JsonException e)
        {
            throw new CatalogFormatException(source, lineNumber, CatalogErrorKind.BadJson, $"not a valid track object: {e.Message}", e);
        }
    }

    private static CatalogLine ToLine(CatalogTrack track) => new()
    {
        TrackId = track.TrackId,
        Title = track.Title,
        ArtistName = track.ArtistName,
        TrueArtistId = track.TrueArtistId,
        AlbumId = track.AlbumId,
        AlbumTitle = track.AlbumTitle,
        ReleaseDate = track.ReleaseDate,
        Genres = [.. track.Genres],
        AudioPath = track.AudioPath,
    };

    private static CatalogTrack ToTrack(CatalogLine line, string source, long lineNumber)
    {
        string Required(string? value, string field) => value ?? throw Missing(field);

        string NotBlank(string? value, string field)
        {
            var present = Required(value, field);
            return string.IsNullOrWhiteSpace(present)
                ? throw new CatalogFormatException(source, lineNumber, CatalogErrorKind.InvalidValue, $"field '{field}' is blank")
                : present;
        }

        CatalogFormatException Missing(string field) =>
            new(source, lineNumber, CatalogErrorKind.MissingField, $"missing field '{field}'");

        var trackId = NotBlank(line.TrackId, "trackId");
        var title = Required(line.Title, "title");
        var artistName = NotBlank(line.ArtistName, "artistName");
        var trueArtistId = line.TrueArtistId is null ? null : NotBlank(line.TrueArtistId, "trueArtistId");
        var albumId = NotBlank(line.AlbumId, "albumId");
        var releaseDate = line.ReleaseDate ?? throw Missing("releaseDate");
        string[] genres = [.. (line.Genres ?? throw Missing("genres")).Select(genre => NotBlank(genre, "genres[]"))];
        var audioPath = Required(line.AudioPath, "audioPath");
        if (RelativeAudioPath.FindViolation(audioPath) is { } violation)
        {
            throw new CatalogFormatException(source, lineNumber, CatalogErrorKind.UnsafeAudioPath, $"audioPath '{audioPath}' refused: {violation}");
        }
        return new CatalogTrack(trackId, title, artistName, trueArtistId, albumId, line.AlbumTitle, releaseDate, genres, audioPath);
    }
}
