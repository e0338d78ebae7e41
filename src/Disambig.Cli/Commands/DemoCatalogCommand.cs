using System.CommandLine;
using System.Diagnostics;
using Disambig.Catalog.Demo;

namespace Disambig.Cli.Commands;

/// <summary><c>disambig demo-catalog</c>: writes a synthetic, seeded demo catalog (real audio files and catalog.jsonl).</summary>
internal static class DemoCatalogCommand
{
    public static Command Create()
    {
        var defaults = new DemoCatalogOptions();
        var artists = new Option<int>("--artists") { Description = "Number of true (synthetic) artists.", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder (the catalog root); created when missing.", Required = true };
        var tracksPerArtist = new Option<int>("--tracks-per-artist") { Description = "Tracks per artist (without --zipf).", DefaultValueFactory = _ => defaults.TracksPerArtist };
        var zipf = new Option<bool>("--zipf") { Description = "Long-tailed (Zipf) number of tracks per artist, between --min-tracks and --max-tracks." };
        var minTracks = new Option<int>("--min-tracks") { Description = "Fewest tracks of an artist with --zipf.", DefaultValueFactory = _ => defaults.MinTracksPerArtist };
        var maxTracks = new Option<int>("--max-tracks") { Description = "Most tracks of an artist with --zipf.", DefaultValueFactory = _ => defaults.MaxTracksPerArtist };
        var albums = new Option<int>("--albums-per-artist") { Description = "Albums per artist.", DefaultValueFactory = _ => defaults.AlbumsPerArtist };
        var homonymGroups = new Option<int>("--homonym-groups") { Description = "Groups of 2 to 4 true artists credited under one shared name.", DefaultValueFactory = _ => defaults.HomonymGroups };
        var aliasArtists = new Option<int>("--alias-artists") { Description = "Extra artists each credited under two names (albums alternating), with one true artist id: alias cases.", DefaultValueFactory = _ => defaults.AliasArtists };
        var seed = new Option<ulong>("--seed") { Description = "Seed: the same seed and options give the same catalog.", DefaultValueFactory = _ => defaults.Seed };
        var durationMin = new Option<double>("--duration-min") { Description = "Shortest track, in seconds.", DefaultValueFactory = _ => defaults.MinTrackSeconds };
        var durationMax = new Option<double>("--duration-max") { Description = "Longest track, in seconds.", DefaultValueFactory = _ => defaults.MaxTrackSeconds };

        var command = new Command("demo-catalog", "Write a synthetic demo catalog: real audio files in several formats and catalog.jsonl. Synthetic audio is no substitute for real music.")
        {
            artists, output, tracksPerArtist, zipf, minTracks, maxTracks, albums, homonymGroups, aliasArtists, seed, durationMin, durationMax,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new DemoCatalogOptions
            {
                Artists = parse.GetValue(artists),
                TracksPerArtist = parse.GetValue(tracksPerArtist),
                ZipfTrackCounts = parse.GetValue(zipf),
                MinTracksPerArtist = parse.GetValue(minTracks),
                MaxTracksPerArtist = parse.GetValue(maxTracks),
                AlbumsPerArtist = parse.GetValue(albums),
                HomonymGroups = parse.GetValue(homonymGroups),
                AliasArtists = parse.GetValue(aliasArtists),
                Seed = parse.GetValue(seed),
                MinTrackSeconds = parse.GetValue(durationMin),
                MaxTrackSeconds = parse.GetValue(durationMax),
            },
            parse.GetRequiredValue(output),
            Console.Out,
            cancellationToken));
        return command;
    }

    /// <returns>0 on success, 1 when encoding failed, 2 for invalid options.</returns>
    public static async Task<int> RunAsync(DemoCatalogOptions options, string outputDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        // Reports come from worker threads; one line per tenth of the work keeps redirected output short.
        var progress = new LineProgress(output);
        try
        {
            var plan = await DemoCatalogGenerator.GenerateAsync(options, outputDirectory, progress, cancellationToken);
            var homonymNames = plan.Artists.GroupBy(artist => artist.CreditedName).Count(name => name.Count() > 1);
            await output.WriteLineAsync(
                $"Wrote {plan.Tracks.Count} tracks of {plan.Artists.Select(a => a.ArtistId).Distinct().Count()} artists ({homonymNames} names shared by 2 to 4 artists, {options.AliasArtists} artists under two names) "
                + $"in {clock.Elapsed.TotalSeconds:F1} s to {Path.GetFullPath(outputDirectory)}; catalog: {DemoCatalogGenerator.CatalogFileName}.");
            return 0;
        }
        catch (AudioEncodingException e)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    private sealed class LineProgress(TextWriter output) : IProgress<DemoCatalogProgress>
    {
        public void Report(DemoCatalogProgress value)
        {
            if (value.TracksDone * 10 / value.TracksTotal == (value.TracksDone - 1) * 10 / value.TracksTotal)
            {
                return;
            }
            lock (output)
            {
                output.WriteLine($"{value.TracksDone}/{value.TracksTotal} tracks ({100 * value.TracksDone / value.TracksTotal} %)");
            }
        }
    }
}
