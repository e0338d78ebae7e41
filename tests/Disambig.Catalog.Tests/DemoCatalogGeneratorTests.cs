using System.Diagnostics;
using System.Text.Json;
using Disambig.Catalog;
using Disambig.Catalog.Demo;

namespace Disambig.Catalog.Tests;

/// <summary>Writes one small demo catalog with the real ffmpeg (six albums of one track, so every format) and checks it from outside.</summary>
public sealed class GeneratedDemoCatalog : IAsyncLifetime
{
    public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("demo-catalog-");

    public DemoCatalogOptions Options { get; } = new()
    {
        Artists = 3, TracksPerArtist = 2, AlbumsPerArtist = 2, MinTrackSeconds = 4, MaxTrackSeconds = 6, HomonymGroups = 1, Seed = 7, MaxParallelism = 2,
    };

    public DemoCatalogPlan Plan { get; private set; } = null!;

    public List<DemoCatalogProgress> Progress { get; } = [];

    public async Task InitializeAsync()
    {
        var progress = new SynchronousProgress<DemoCatalogProgress>(report =>
        {
            lock (Progress)
            {
                Progress.Add(report);
            }
        });
        Plan = await DemoCatalogGenerator.GenerateAsync(Options, Folder.FullName, progress);
    }

    public Task DisposeAsync()
    {
        Folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>Calls back on the reporting thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

public sealed class DemoCatalogGeneratorTests(GeneratedDemoCatalog catalog) : IClassFixture<GeneratedDemoCatalog>
{
    private static readonly Dictionary<string, string> CodecOfExtension = new()
    {
        [".wav"] = "pcm_s16le", [".flac"] = "flac", [".mp3"] = "mp3", [".ogg"] = "vorbis", [".opus"] = "opus", [".m4a"] = "aac",
    };

    [Fact]
    public async Task Generate_CatalogFile_ReadsBackAsThePlannedTracks()
    {
        var tracks = await CatalogJsonLines.ReadFileAsync(Path.Combine(catalog.Folder.FullName, DemoCatalogGenerator.CatalogFileName));

        Assert.Equal(catalog.Plan.Tracks.Select(track => track.Track), tracks);
        Assert.Equal(6, tracks.Count);
    }

    [Fact]
    public async Task Generate_SameOptionsPlannedAgain_GiveTheWrittenCatalogByteForByte()
    {
        var writer = new StringWriter();
        await CatalogJsonLines.WriteAsync(writer, DemoCatalogPlanner.Plan(catalog.Options).Tracks.Select(track => track.Track));

        Assert.Equal(writer.ToString(), await File.ReadAllTextAsync(Path.Combine(catalog.Folder.FullName, DemoCatalogGenerator.CatalogFileName)));
    }

    [Fact]
    public async Task Generate_EveryFile_IsDecodableAudioOfItsFormatAndPlannedDuration()
    {
        var root = new CatalogRoot(catalog.Folder.FullName);
        Assert.Equal(CodecOfExtension.Keys.Order(), catalog.Plan.Tracks.Select(track => Path.GetExtension(track.Track.AudioPath)).Distinct().Order());

        foreach (var track in catalog.Plan.Tracks)
        {
            var path = root.Resolve(track.Track);
            // -count_frames makes ffprobe decode every frame, so a file that probes but cannot be decoded fails here too.
            using var probe = JsonDocument.Parse(await RunAsync("ffprobe", "-v", "error", "-count_frames", "-show_entries", "stream=codec_type,codec_name,nb_read_frames:format=duration", "-of", "json", path));
            var stream = Assert.Single(probe.RootElement.GetProperty("streams").EnumerateArray());
            Assert.Equal("audio", stream.GetProperty("codec_type").GetString());
            Assert.Equal(CodecOfExtension[Path.GetExtension(path)], stream.GetProperty("codec_name").GetString());
            var duration = double.Parse(probe.RootElement.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(duration, track.DurationSeconds - 0.05, track.DurationSeconds + 0.1);
            Assert.True(int.Parse(stream.GetProperty("nb_read_frames").GetString()!) > 0);
        }
    }

    [Fact]
    public void Generate_Folder_HoldsOnlyTheCatalogAndItsAudio()
    {
        var files = catalog.Folder.EnumerateFiles("*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(catalog.Folder.FullName, file.FullName).Replace('\\', '/'))
            .Order();

        Assert.Equal(catalog.Plan.Tracks.Select(track => track.Track.AudioPath).Append(DemoCatalogGenerator.CatalogFileName).Order(), files);
    }

    [Fact]
    public void Generate_Progress_CountsEveryTrackOnce()
    {
        Assert.Equal(Enumerable.Range(1, 6), catalog.Progress.Select(report => report.TracksDone).Order());
        Assert.All(catalog.Progress, report => Assert.Equal(6, report.TracksTotal));
        Assert.Equal(catalog.Plan.Tracks.Select(track => track.Track.TrackId).Order(), catalog.Progress.Select(report => report.LastTrack.TrackId).Order());
    }

    [Fact]
    public async Task Generate_MissingFfmpeg_ThrowsEncodingErrorNamingTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("demo-catalog-noffmpeg-");
        try
        {
            var options = new DemoCatalogOptions { Artists = 1, TracksPerArtist = 1, MinTrackSeconds = 3, MaxTrackSeconds = 3, HomonymGroups = 0, FfmpegPath = "/nonexistent/ffmpeg" };

            var failure = await Assert.ThrowsAsync<AudioEncodingException>(() => DemoCatalogGenerator.GenerateAsync(options, folder.FullName));

            Assert.EndsWith(".wav", failure.OutputPath);
            Assert.Contains("/nonexistent/ffmpeg", failure.Reason);
            Assert.False(File.Exists(Path.Combine(folder.FullName, DemoCatalogGenerator.CatalogFileName)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Generate_CancelledMidway_StopsWithoutCatalogFileOrPartialAudio()
    {
        var folder = Directory.CreateTempSubdirectory("demo-catalog-cancel-");
        try
        {
            var options = new DemoCatalogOptions { Artists = 2, TracksPerArtist = 6, MinTrackSeconds = 20, MaxTrackSeconds = 20, HomonymGroups = 0, MaxParallelism = 2 };
            using var cancellation = new CancellationTokenSource();
            var progress = new SynchronousProgress<DemoCatalogProgress>(_ => cancellation.Cancel());

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DemoCatalogGenerator.GenerateAsync(options, folder.FullName, progress, cancellation.Token));

            var files = folder.GetFiles("*", SearchOption.AllDirectories);
            Assert.DoesNotContain(files, file => file.Name.Contains(".partial"));
            Assert.DoesNotContain(files, file => file.Name == DemoCatalogGenerator.CatalogFileName);
            Assert.InRange(files.Length, 1, 11);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0 && await errors == "", $"{program} failed: {await errors}");
        return await output;
    }
}
