using Disambig.Catalog;
using Disambig.Catalog.Demo;
using Disambig.Grains;
using Disambig.Storage;

namespace Disambig.TestSupport.Pipeline;

/// <summary>
/// A small generated demo catalog (seconds of synthetic audio per track, one homonym group), plus three poison tracks
/// credited to an ordinary name: a corrupt file, a missing file and a track too short to embed.
/// </summary>
public sealed class DemoCatalog : IDisposable
{
    public const string CorruptTrackId = "poison-corrupt";
    public const string MissingTrackId = "poison-missing";
    public const string TooShortTrackId = "poison-short";

    private DemoCatalog(string folder, IReadOnlyList<CatalogTrack> tracks, IReadOnlyList<CatalogEntry> entries)
    {
        Folder = folder;
        Tracks = tracks;
        Entries = entries;
    }

    /// <summary>The catalog root (audio files and catalog.jsonl).</summary>
    public string Folder { get; }

    /// <summary>The generated tracks, with their true artist ids.</summary>
    public IReadOnlyList<CatalogTrack> Tracks { get; }

    /// <summary>What an ingestion adds: every generated track and the three poison tracks.</summary>
    public IReadOnlyList<CatalogEntry> Entries { get; }

    /// <summary>The name keys with tracks of more than one true artist.</summary>
    public IEnumerable<string> HomonymNames => Tracks.GroupBy(t => ArtistNameKey.From(t.ArtistName))
        .Where(group => group.Select(t => t.TrueArtistId).Distinct().Count() > 1).Select(group => group.Key);

    /// <summary>The name that also carries the poison tracks.</summary>
    public string PoisonedName => ArtistNameKey.From(Tracks[0].ArtistName);

    public static async Task<DemoCatalog> GenerateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("disambig-grains-catalog-").FullName;
        var options = new DemoCatalogOptions
        {
            Artists = 6,
            TracksPerArtist = 3,
            AlbumsPerArtist = 1,
            MinTrackSeconds = 3.5,
            MaxTrackSeconds = 4,
            HomonymGroups = 1,
            ArtistsPerGenre = 4,
            Formats = [DemoAudioFormat.Wav, DemoAudioFormat.Flac],
            Seed = 11,
        };
        var plan = await DemoCatalogGenerator.GenerateAsync(options, folder);
        var tracks = plan.Tracks.Select(t => t.Track).ToList();
        var poisonName = tracks[0].ArtistName;
        Directory.CreateDirectory(Path.Combine(folder, "poison"));
        var noise = new byte[4096];
        new Random(3).NextBytes(noise);
        await File.WriteAllBytesAsync(Path.Combine(folder, "poison/corrupt.mp3"), noise);
        await File.WriteAllBytesAsync(Path.Combine(folder, "poison/short.wav"), ShortWave(seconds: 1));
        var entries = tracks.Select(t => new CatalogEntry(t.TrackId, ArtistNameKey.From(t.ArtistName), t.ArtistName, t.AudioPath))
            .Concat(
            [
                new CatalogEntry(CorruptTrackId, ArtistNameKey.From(poisonName), poisonName, "poison/corrupt.mp3"),
                new CatalogEntry(MissingTrackId, ArtistNameKey.From(poisonName), poisonName, "poison/missing.flac"),
                new CatalogEntry(TooShortTrackId, ArtistNameKey.From(poisonName), poisonName, "poison/short.wav"),
            ])
            .ToList();
        return new DemoCatalog(folder, tracks, entries);
    }

    /// <summary>Copies every audio file of the catalog folder to <paramref name="store"/> under its relative path.</summary>
    public async Task UploadAsync(IBlobStore store)
    {
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            await using var content = File.OpenRead(file);
            await store.WriteAsync(Path.GetRelativePath(Folder, file).Replace(Path.DirectorySeparatorChar, '/'), content, CancellationToken.None);
        }
    }

    /// <summary>The true artist of a generated track.</summary>
    public string TrueArtistOf(string trackId) => Tracks.First(t => t.TrackId == trackId).TrueArtistId!;

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>A mono 16-bit WAVE file of a 440 Hz tone at 22 050 Hz.</summary>
    private static byte[] ShortWave(double seconds)
    {
        const int rate = 22_050;
        var samples = (int)(seconds * rate);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++) writer.Write((short)(8000 * Math.Sin(2 * Math.PI * 440 * i / rate)));
        writer.Flush();
        return stream.ToArray();
    }
}
