using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;

namespace Disambig.Audio.Tests;

/// <summary>
/// Issue 14, eighth round: a decoder's ffmpeg processes are each pinned to one core, spread evenly over the cores this
/// process may use, and moved when the cores become uneven; the caller's thread keeps its own cores, and the samples
/// are those of an unpinned decode.
/// </summary>
[Collection(FfmpegCollection.Name)]
public sealed class CorePlacementTests(MediaFiles files)
{
    [Fact]
    public void LeastLoaded_PicksTheCoreWithFewestProcesses_TheFirstOfThoseTiedFromTheOffset()
    {
        Assert.Equal(0, CoreBalance.LeastLoaded([0, 0]));
        Assert.Equal(1, CoreBalance.LeastLoaded([2, 1, 1]));
        Assert.Equal(2, CoreBalance.LeastLoaded([3, 2, 0, 1]));
        Assert.Equal(1, CoreBalance.LeastLoaded([0, 0], offset: 1));
        Assert.Equal(0, CoreBalance.LeastLoaded([1, 1, 2], offset: 2)); // from 2 on: 2, then 0
        Assert.Equal(2, CoreBalance.LeastLoaded([3, 2, 0, 1], offset: 3)); // the fewest wins whatever the offset
    }

    [Fact]
    public void Move_OnlyWhenTheCoresDifferByTwoOrMore_FromTheBusiestToTheLeastBusy()
    {
        Assert.Null(CoreBalance.Move([1, 0]));
        Assert.Null(CoreBalance.Move([2, 1]));
        Assert.Null(CoreBalance.Move([2]));
        Assert.Equal((0, 1), CoreBalance.Move([2, 0]));
        Assert.Equal((2, 0), CoreBalance.Move([1, 2, 3]));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Create_FollowsTheOptionAndTheCoresThisProcessMayUse()
    {
        var allowed = CorePlacement.AllowedCores();

        var placement = CorePlacement.Create(new AudioOptions());

        Assert.Null(CorePlacement.Create(new AudioOptions { PinDecodeProcesses = false }));
        if (CorePlacement.OwnsCores(allowed.Length, Environment.ProcessorCount))
            Assert.Equal(allowed, placement!.Cores);
        else
            Assert.Null(placement); // one core, or cores shared beyond this process's CPU budget
    }

    [Theory]
    [InlineData(1, 1, false)]   // one core: nothing to spread
    [InlineData(2, 2, true)]    // a machine or a taskset of two
    [InlineData(4, 8, true)]    // a cpuset smaller than the budget
    [InlineData(64, 4, false)]  // a pod limited to 4 CPUs on a 64-core node: the cores are shared
    public void OwnsCores_PinsOnlyWhereTheUsableCoresAreWithinTheCpuBudget(int usable, int budget, bool pins)
        => Assert.Equal(pins, CorePlacement.OwnsCores(usable, budget));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [UnsupportedOSPlatform("windows")]
    public async Task RunAsync_PinsTheChildToOneCoreAndTheCallersThreadKeepsItsCores(bool pin)
    {
        // A stand-in "ffmpeg" that prints the cores it may run on.
        var folder = files.StandInFfmpeg($"pin-{pin}", "grep Cpus_allowed_list /proc/self/status");
        var allowed = CorePlacement.AllowedCores();
        var placement = CorePlacement.Create(new AudioOptions { PinDecodeProcesses = pin });
        using var output = new MemoryStream();

        // Start happens before RunAsync's first await, on this thread: its cores are read right after.
        var run = FfmpegProcess.RunAsync("stand-in", folder, "ffmpeg", [], output, TimeSpan.FromMinutes(1), true, placement, CancellationToken.None);
        var callerAfterStart = CorePlacement.AllowedCores();
        var result = await run;

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(allowed, callerAfterStart);
        var childCores = Cores(Encoding.ASCII.GetString(output.ToArray()));
        Assert.Equal(pin && allowed.Length >= 2 ? [allowed[placement!.Offset]] : allowed, childCores);
        if (placement is not null)
            Assert.All(placement.Counts(), count => Assert.Equal(0, count)); // the ended process left its core
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Exit_UnevenCores_MovesTheNewestProcessOfTheBusiestCoreWithAllItsThreads()
    {
        var placement = CorePlacement.Create(new AudioOptions());
        if (placement is null)
        {
            Assert.True(CorePlacement.AllowedCores().Length < 2); // one core: nothing to move
            return;
        }
        var sleepers = new List<(Process Process, CorePlacement.Placed Placed)>();
        try
        {
            // One process per core and one more: the first core (from the offset) gets the first and the last.
            var cores = placement.Cores;
            int CoreOf(int i) => cores[(placement.Offset + i) % cores.Count];
            for (var i = 0; i <= cores.Count; i++)
            {
                var process = new Process { StartInfo = new ProcessStartInfo("sleep", "30") { UseShellExecute = false } };
                sleepers.Add((process, placement.Start(process, schedBatch: false)));
            }
            for (var i = 0; i <= cores.Count; i++)
                Assert.Equal([CoreOf(i)], CoresOf(sleepers[i].Process.Id));

            // The second core's process ends: the first core would run two while the second idles.
            sleepers[1].Process.Kill();
            await sleepers[1].Process.WaitForExitAsync();
            placement.Exit(sleepers[1].Placed);

            Assert.Equal([CoreOf(0)], CoresOf(sleepers[0].Process.Id));
            Assert.Equal([CoreOf(1)], CoresOf(sleepers[^1].Process.Id)); // the newest one moved
            Assert.All(placement.Counts(), count => Assert.Equal(1, count));
        }
        finally
        {
            foreach (var (process, placed) in sleepers)
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    await process.WaitForExitAsync();
                    placement.Exit(placed);
                }
                process.Dispose();
            }
        }
        Assert.All(placement.Counts(), count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task ExtractAsync_PinnedBatches_GiveTheSameMelAsUnpinned()
    {
        string[] paths =
        [
            files.Make("pin/a.mp3", "-f lavfi -i anoisesrc=d=40:c=pink:r=44100:a=0.2:seed=7 -ac 2 -c:a libmp3lame -b:a 128k"),
            files.Make("pin/b.ogg", "-f lavfi -i sine=f=330:r=44100:d=40 -ac 2 -c:a libvorbis -q:a 4"),
            files.Make("pin/c.flac", "-f lavfi -i anoisesrc=d=40:c=white:r=48000:a=0.1:seed=8 -c:a flac"),
        ];
        var pinned = new TrackFeatureExtractor(Options(pin: true));
        var unpinned = new TrackFeatureExtractor(Options(pin: false));

        // Concurrently, so that the pinned decoder batches and places several processes.
        var a = await Task.WhenAll(paths.Concat(paths).Select(p => pinned.ExtractAsync(p, CancellationToken.None)));
        var b = await Task.WhenAll(paths.Concat(paths).Select(p => unpinned.ExtractAsync(p, CancellationToken.None)));

        for (var i = 0; i < a.Length; i++)
            Assert.Equal(b[i].Mel, a[i].Mel);
        Assert.True(pinned.SharedRuns > 0);
        Assert.Null(unpinned.Placement);
        if (CorePlacement.AllowedCores().Length >= 2)
            Assert.All(pinned.Placement!.Counts(), count => Assert.Equal(0, count)); // every process left its core
        ChildProcesses.AssertNoneLeft();
    }

    private static AudioOptions Options(bool pin) => new()
    {
        SegmentSeconds = 3,
        SegmentCount = 4,
        BatchTracks = 2,
        DecodeProcesses = 2,
        PinDecodeProcesses = pin,
    };

    private static int[] CoresOf(int pid) =>
        Cores(File.ReadAllLines($"/proc/{pid}/status").Single(line => line.StartsWith("Cpus_allowed_list", StringComparison.Ordinal)));

    // "Cpus_allowed_list:\t0-1,4" -> [0, 1, 4]
    private static int[] Cores(string line) =>
        line[(line.IndexOf(':') + 1)..].Trim().Split(',').SelectMany(part =>
        {
            var bounds = part.Split('-').Select(int.Parse).ToArray();
            return Enumerable.Range(bounds[0], bounds[^1] - bounds[0] + 1);
        }).ToArray();
}
