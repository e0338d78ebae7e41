using System.Runtime.InteropServices;
using Cloud.Unum.USearch;
using Disambig.Clustering;
using Microsoft.Win32.SafeHandles;

namespace Disambig.Aliases;

/// <summary>
/// One HNSW graph of libusearch_c (the native library of the <c>Cloud.Unum.USearch</c> package), called directly so
/// that capacity is reserved once per batch and entries are inserted from several threads at a time. The package's
/// managed <c>USearchIndex.Add</c> reserves again before every single entry and inserts on one thread.
/// </summary>
/// <remarks>
/// libusearch_c keeps one working context per hardware thread (std::thread::hardware_concurrency) and fails a call
/// that finds none free, so callers never run more than <see cref="Environment.ProcessorCount"/> calls at once.
/// </remarks>
internal sealed class UsearchShard : IDisposable
{
    private const string Library = "libusearch_c";
    private readonly int _insertThreads;
    private readonly IndexHandle _handle;
    private long _capacity;

    public UsearchShard(int dimension, AliasOptions options)
    {
        var init = new IndexOptions(
            metricKind: MetricKind.Cos,
            quantization: ScalarKind.Float32,
            dimensions: (ulong)dimension,
            connectivity: (ulong)options.Connectivity,
            expansionAdd: (ulong)options.ExpansionAdd,
            expansionSearch: (ulong)options.ExpansionSearch,
            multi: false);
        _handle = usearch_init(ref init, out var error);
        if (error != IntPtr.Zero || _handle.IsInvalid)
        {
            _handle.Dispose();
            Check(error, "create an index");
            throw new InvalidOperationException("USearch could not create an index.");
        }

        Dimension = dimension;
        _insertThreads = options.InsertThreads == 0 ? Environment.ProcessorCount : Math.Min(options.InsertThreads, Environment.ProcessorCount);
    }

    public int Dimension { get; }

    /// <summary>Live entries (removed ones excluded).</summary>
    public long Size
    {
        get
        {
            var size = (long)usearch_size(_handle, out var error);
            Check(error, "read the index size");
            return size;
        }
    }

    /// <summary>Inserts the entries on up to <see cref="AliasOptions.InsertThreads"/> threads after one capacity reservation.</summary>
    public void AddRange(ulong[] keys, float[][] vectors, CancellationToken cancellationToken)
    {
        var needed = Size + keys.Length;
        if (needed > _capacity)
        {
            usearch_reserve(_handle, (nuint)needed, out var error);
            Check(error, $"reserve room for {needed} entries");
            _capacity = needed;
        }

        var parallel = ParallelLoops.OnCurrentScheduler(cancellationToken, _insertThreads);
        Parallel.For(0, keys.Length, parallel, i =>
        {
            usearch_add(_handle, keys[i], vectors[i], ScalarKind.Float32, out var error);
            Check(error, $"add key {keys[i]}");
        });
    }

    /// <summary>Up to <paramref name="count"/> nearest entries, nearest first.</summary>
    public int Search(float[] query, int count, ulong[] keys, float[] distances)
    {
        var found = (int)usearch_search(_handle, query, ScalarKind.Float32, (nuint)count, keys, distances, out var error);
        Check(error, "search");
        return found;
    }

    public void Remove(ulong key)
    {
        usearch_remove(_handle, key, out var error);
        Check(error, $"remove key {key}");
    }

    /// <summary>Frees the native index (also done by the handle's finalizer if forgotten).</summary>
    public void Dispose() => _handle.Dispose();

    private static void Check(IntPtr error, string action)
    {
        if (error != IntPtr.Zero)
        {
            throw new InvalidOperationException($"USearch could not {action}: {Marshal.PtrToStringAnsi(error)}");
        }
    }

#pragma warning disable SYSLIB1054 // IndexOptions (the package's struct) holds a marshalled bool; DllImport marshals it as the package does.
    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern IndexHandle usearch_init(ref IndexOptions options, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern void usearch_free(IntPtr index, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern nuint usearch_size(IndexHandle index, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern void usearch_reserve(IndexHandle index, nuint capacity, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern void usearch_add(IndexHandle index, ulong key, [In] float[] vector, ScalarKind kind, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern nuint usearch_search(IndexHandle index, [In] float[] query, ScalarKind kind, nuint count, [Out] ulong[] keys, [Out] float[] distances, out IntPtr error);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern nuint usearch_remove(IndexHandle index, ulong key, out IntPtr error);
#pragma warning restore SYSLIB1054

    /// <summary>Owns a usearch_index_t: frees it exactly once, on dispose or finalization.</summary>
    private sealed class IndexHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public IndexHandle()
            : base(ownsHandle: true)
        {
        }

        protected override bool ReleaseHandle()
        {
            usearch_free(handle, out var error);
            return error == IntPtr.Zero;
        }
    }
}
