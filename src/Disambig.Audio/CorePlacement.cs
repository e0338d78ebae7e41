using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Disambig.Audio;

/// <summary>
/// Pins each decode process of one decoder to one of the cores this process may use (<see cref="AudioOptions.PinDecodeProcesses"/>,
/// issue 14, eighth round), keeping the processes spread evenly over them. An ffmpeg batch has forty-odd threads (a
/// reading thread per input that hands each packet to the main thread); left free, they wake each other across cores,
/// and the hand-overs, migrations and cache traffic cost 8-12 % more CPU per track than when one process's threads
/// share one core (four batch processes on two cores, ffmpeg alone). A new process goes to the core with the fewest
/// of this decoder's processes (<see cref="CoreBalance.LeastLoaded"/>); when a process ends and leaves the cores uneven
/// by two or more (the end of a burst: a core would idle while another runs two processes), the newest process of the
/// busiest core moves, all its threads, to the least busy one (<see cref="CoreBalance.Move"/>). The core is set on the
/// calling thread just for <see cref="Process.Start()"/> (the child inherits it through fork and exec) and set back at
/// once, as <see cref="ChildScheduling"/> does with the policy. Linux only; where the process does not own at least two
/// cores (<see cref="OwnsCores"/>) <see cref="Create"/> gives null.
/// </summary>
internal sealed partial class CorePlacement
{
    private const int MaskWords = 16; // cpu_set_t of 1024 CPUs

    private readonly object _lock = new();
    private readonly int[] _cores;
    private readonly List<int>[] _running; // per core: pids of the processes placed there, oldest first (0: starting)

    private static int s_placements;

    private CorePlacement(int[] cores)
    {
        _cores = cores;
        _running = cores.Select(_ => new List<int>()).ToArray();
        // Where ties start: not always the first core, so that the first processes of several decoders (a silo's two
        // segment lengths) or of several processes (concurrent CLI calls) do not all go to the same core.
        Offset = (int)((uint)(Environment.ProcessId + Interlocked.Increment(ref s_placements)) % (uint)cores.Length);
    }

    /// <summary>The cores processes are placed on.</summary>
    public IReadOnlyList<int> Cores => _cores;

    /// <summary>The index in <see cref="Cores"/> where ties between equally busy cores start (the first process's core).</summary>
    public int Offset { get; }

    /// <summary>A placement over the cores this process may use, or null where pinning is off, unsupported or pointless.</summary>
    public static CorePlacement? Create(AudioOptions options)
    {
        if (!options.PinDecodeProcesses || !OperatingSystem.IsLinux())
            return null;
        var cores = AllowedCores();
        return OwnsCores(cores.Length, Environment.ProcessorCount) ? new CorePlacement(cores) : null;
    }

    /// <summary>Processes of this placement per core, in the order of <see cref="Cores"/> (tests).</summary>
    public int[] Counts()
    {
        lock (_lock)
            return _running.Select(list => list.Count).ToArray();
    }

    /// <summary>
    /// Starts <paramref name="process"/> pinned to the least busy core (and under SCHED_BATCH as
    /// <paramref name="schedBatch"/> says); returns the handle to give to <see cref="Exit"/> once it has ended.
    /// </summary>
    public Placed Start(Process process, bool schedBatch)
    {
        int index;
        lock (_lock)
        {
            index = CoreBalance.LeastLoaded(_running.Select(list => list.Count).ToArray(), Offset);
            _running[index].Add(0);
        }
        var previous = new ulong[MaskWords];
        var pinned = GetAffinity(0, MaskWords * sizeof(ulong), previous) == 0
            && SetAffinity(0, MaskWords * sizeof(ulong), Mask(_cores[index])) == 0;
        try
        {
            ChildScheduling.Start(process, schedBatch);
        }
        catch
        {
            lock (_lock)
                _running[index].Remove(0);
            throw;
        }
        finally
        {
            if (pinned)
                SetAffinity(0, MaskWords * sizeof(ulong), previous);
        }
        lock (_lock)
            _running[index][_running[index].IndexOf(0)] = process.Id;
        return new Placed(process.Id);
    }

    /// <summary>The process has ended: it leaves its core, and the cores are evened out if they differ by two or more.</summary>
    public void Exit(Placed placed)
    {
        lock (_lock)
        {
            foreach (var list in _running)
                if (list.Remove(placed.Pid))
                    break;
            while (CoreBalance.Move(_running.Select(list => list.Count).ToArray(), Offset) is { } move)
            {
                var (from, to) = move;
                // The newest process of the busiest core has the most work left: it moves.
                var pid = _running[from].FindLast(p => p != 0);
                if (pid == 0)
                    break; // only processes still starting there: they will be counted where they start
                _running[from].Remove(pid);
                _running[to].Add(pid);
                MoveProcess(pid, _cores[to]);
            }
        }
    }

    /// <summary>A started process as placed (its id).</summary>
    public readonly record struct Placed(int Pid);

    /// <summary>Sets every thread of <paramref name="pid"/> to <paramref name="core"/>; threads or a process that ended meanwhile are skipped.</summary>
    private static void MoveProcess(int pid, int core)
    {
        var mask = Mask(core);
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
                    SetAffinity(tid, MaskWords * sizeof(ulong), mask);
        }
        catch (IOException)
        {
            // The process ended meanwhile.
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to move.
        }
    }

    private static ulong[] Mask(int core)
    {
        var mask = new ulong[MaskWords];
        mask[core / 64] = 1UL << (core % 64);
        return mask;
    }

    /// <summary>
    /// Whether pinning pays here: at least two usable cores, and no more of them than the process's CPU budget
    /// (<see cref="Environment.ProcessorCount"/>, which follows a container's CPU quota). A pod limited to 4 CPUs on a
    /// 64-core node may run on any of the 64, shared with other pods: a process pinned to one of them could not leave it
    /// when a neighbour keeps it busy, so pinning is for processes that own their cores (a cpuset, taskset, a machine).
    /// </summary>
    internal static bool OwnsCores(int usableCores, int cpuBudget) => usableCores >= 2 && usableCores <= cpuBudget;

    /// <summary>The cores the calling thread may run on (sched_getaffinity), in increasing order.</summary>
    internal static int[] AllowedCores()
    {
        var mask = new ulong[MaskWords];
        if (GetAffinity(0, MaskWords * sizeof(ulong), mask) != 0)
            return [];
        return Enumerable.Range(0, MaskWords * 64).Where(core => (mask[core / 64] & (1UL << (core % 64))) != 0).ToArray();
    }

    private static unsafe int GetAffinity(int pid, nint size, ulong[] mask)
    {
        fixed (ulong* words = mask)
            return SchedGetAffinity(pid, size, words);
    }

    private static unsafe int SetAffinity(int pid, nint size, ulong[] mask)
    {
        fixed (ulong* words = mask)
            return SchedSetAffinity(pid, size, words);
    }

    [LibraryImport("libc", EntryPoint = "sched_getaffinity")]
    private static unsafe partial int SchedGetAffinity(int pid, nint size, ulong* mask);

    [LibraryImport("libc", EntryPoint = "sched_setaffinity")]
    private static unsafe partial int SchedSetAffinity(int pid, nint size, ulong* mask);
}

/// <summary>The pure rules of <see cref="CorePlacement"/>: where a new process goes and when one moves.</summary>
internal static class CoreBalance
{
    /// <summary>
    /// The index of the core with the fewest processes; of those tied, the first from <paramref name="offset"/> on
    /// (cyclically).
    /// </summary>
    public static int LeastLoaded(IReadOnlyList<int> counts, int offset = 0)
    {
        var best = offset % counts.Count;
        for (var k = 1; k < counts.Count; k++)
        {
            var i = (offset + k) % counts.Count;
            if (counts[i] < counts[best])
                best = i;
        }
        return best;
    }

    /// <summary>
    /// A move that evens out the cores: from the busiest to the least busy (<see cref="LeastLoaded"/> from
    /// <paramref name="offset"/>), when they differ by two or more (so that no core idles, or runs one process, while
    /// another runs three); null when they are even enough.
    /// </summary>
    public static (int From, int To)? Move(IReadOnlyList<int> counts, int offset = 0)
    {
        if (counts.Count < 2)
            return null;
        var to = LeastLoaded(counts, offset);
        var from = 0;
        for (var i = 1; i < counts.Count; i++)
            if (counts[i] > counts[from])
                from = i;
        return counts[from] - counts[to] >= 2 ? (from, to) : null;
    }
}
