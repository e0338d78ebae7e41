using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Disambig.Audio;

/// <summary>
/// Starts ffmpeg and ffprobe under Linux's SCHED_BATCH scheduling policy (<see cref="AudioOptions.SchedBatch"/>): the
/// same share of the CPU as SCHED_OTHER at the same nice value, but a thread that wakes does not preempt the one
/// running. ffmpeg gives every input of a multi-input command its own reading thread, which hands each packet to the
/// main thread through a small queue; under SCHED_OTHER each hand-over wakes the other thread and switches to it (about
/// 11 600 context switches for one track's ten seeking inputs, 48 000 for a batch of four), under SCHED_BATCH the
/// running thread goes on until its slice ends (about 1 000 and 3 000). The bytes ffmpeg writes do not change.
/// The policy is set on the calling thread just for the start (the child inherits it through fork and exec) and set
/// back at once, so no thread of ffmpeg ever runs under the old policy and the caller's thread keeps its own.
/// </summary>
internal static partial class ChildScheduling
{
    /// <summary>SCHED_OTHER: Linux's default time-sharing policy.</summary>
    internal const int SchedOther = 0;

    /// <summary>SCHED_BATCH: time sharing without wake-up preemption.</summary>
    internal const int SchedBatch = 3;

    /// <summary>
    /// Starts <paramref name="process"/>; with <paramref name="batch"/> on Linux, under SCHED_BATCH when the calling
    /// thread runs under SCHED_OTHER (a thread under another policy, e.g. real time, starts it unchanged). A policy that
    /// cannot be set leaves the start as it would be without it.
    /// </summary>
    public static void Start(Process process, bool batch)
    {
        if (!batch || !OperatingSystem.IsLinux() || CurrentThreadPolicy() != SchedOther || SetCurrentThreadPolicy(SchedBatch) != 0)
        {
            process.Start();
            return;
        }
        try
        {
            process.Start();
        }
        finally
        {
            SetCurrentThreadPolicy(SchedOther);
        }
    }

    /// <summary>The calling thread's policy (sched_getscheduler of thread 0); -1 where it cannot be read.</summary>
    internal static int CurrentThreadPolicy() => OperatingSystem.IsLinux() ? GetScheduler(0) : -1;

    private static int SetCurrentThreadPolicy(int policy) => SetScheduler(0, policy, 0);

    [LibraryImport("libc", EntryPoint = "sched_getscheduler")]
    private static partial int GetScheduler(int pid);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler")]
    private static partial int SetScheduler(int pid, int policy, in int priority);
}
