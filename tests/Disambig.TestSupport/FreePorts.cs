using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Disambig.TestSupport;

/// <summary>TCP ports on loopback that nothing listens on, and that no other test process hands out meanwhile.</summary>
public static class FreePorts
{
    // Below Linux's ephemeral range (ip_local_port_range, 32768-60999 by default): a port handed out by bind(0) and
    // released could be taken as the source port of any outgoing connection before a child process binds it (a silo
    // process once failed with "Address already in use" that way); ports here are never handed out automatically.
    private const int First = 20_000;
    private const int Count = 12_000;

    // Each process walks the range from its own random start, one port after the other, so that it never hands out
    // a port twice (a port handed out is bound later, by a child process).
    private static int _next = Random.Shared.Next(Count);

    /// <summary>
    /// A port of 20 000-31 999 that could be bound just now, that this process has not handed out before, and that
    /// is reserved for this process until it exits (<see cref="PortReservations"/>): free unless a program outside
    /// the tests binds it in between.
    /// </summary>
    public static int Loopback()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = First + Interlocked.Increment(ref _next) % Count;
            if (!PortReservations.TryReserve(port)) continue; // another test process holds it, bound or not yet
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }
        throw new InvalidOperationException($"No free loopback port found in {First}-{First + Count - 1}.");
    }

    /// <summary>
    /// Ports reserved across the test processes that run at once (dotnet test runs the assemblies in parallel), by the
    /// reservation scheme of Orleans' TestClusterPortAllocator: one named mutex per port, <c>Global.TestCluster.{port}</c>,
    /// held while the port is in use. Orleans test clusters draw their silo ports from 22 300-29 999 and their gateway
    /// ports from 12 000-21 999, both within or beside this range, and bind them seconds after drawing them; a port that
    /// one process has drawn but not yet bound looks free to every other, so without a shared reservation a test cluster
    /// and a silo process (or two test processes) could draw the same port. Held by one thread of this process until
    /// it exits (a mutex belongs to the thread that took it); a process that ended leaves its mutexes abandoned, which
    /// counts as free.
    /// </summary>
    private static class PortReservations
    {
        private static readonly BlockingCollection<(int Port, TaskCompletionSource<bool> Reserved)> Requests = [];

        static PortReservations()
        {
            new Thread(Hold) { IsBackground = true, Name = "FreePorts reservations" }.Start();
        }

        /// <summary>Whether this process now holds <paramref name="port"/> and held it not before.</summary>
        public static bool TryReserve(int port)
        {
            var reserved = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Requests.Add((port, reserved));
            return reserved.Task.GetAwaiter().GetResult();
        }

        private static void Hold()
        {
            var held = new Dictionary<int, Mutex>();
            foreach (var (port, reserved) in Requests.GetConsumingEnumerable())
            {
                try
                {
                    // Named mutexes are recursive: one this thread holds would be taken again.
                    var taken = !held.ContainsKey(port) && TryTake(port, out var mutex) && held.TryAdd(port, mutex);
                    reserved.SetResult(taken);
                }
                catch (Exception e)
                {
                    reserved.SetException(e);
                }
            }
        }

        private static bool TryTake(int port, out Mutex mutex)
        {
            mutex = new Mutex(initiallyOwned: false, $"Global.TestCluster.{port.ToString(CultureInfo.InvariantCulture)}");
            bool taken;
            try
            {
                taken = mutex.WaitOne(0);
            }
            catch (AbandonedMutexException)
            {
                taken = true; // its holder exited
            }
            if (!taken) mutex.Dispose();
            return taken;
        }
    }
}
