using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Disambig.Audio;

/// <summary>
/// Power spectra |X_k|^2, k = 0..512, of <see cref="Lanes"/> frames of 1024 real samples at once: each real frame packed
/// as 512 complex values, an iterative radix-2 complex FFT of 512 points with precomputed twiddles, and the split that
/// separates the even and odd halves. The frames are batched across the lanes of <see cref="Vector{T}"/> (lane i of
/// every vector is frame i), so each lane performs exactly the scalar algorithm's operations in the same order: the
/// result is bit for bit that of a frame-by-frame transform, only several frames run per instruction. In double: a
/// float32 FFT's error scales with a frame's largest bins and would cost bands 60-80 dB below the peak their float32
/// accuracy. Allocation-free; thread-safe (scratch per thread).
/// </summary>
internal static class RealFft1024
{
    private const int N = 512; // complex points
    private const int Log2N = 9;

    /// <summary>Frames transformed per call.</summary>
    public static int Lanes => Vector<double>.Count;

    private static readonly int[] Reverse = BitReversal();
    private static readonly double[] Cos = Table(n => Math.Cos(2 * Math.PI * n / N), N / 2);
    private static readonly double[] Sin = Table(n => Math.Sin(2 * Math.PI * n / N), N / 2);
    // e^{-2 pi i k / 1024} for the split, k = 0..512.
    private static readonly double[] SplitCos = Table(k => Math.Cos(Math.PI * k / N), N + 1);
    private static readonly double[] SplitSin = Table(k => Math.Sin(Math.PI * k / N), N + 1);

    [ThreadStatic] private static Vector<double>[]? _re;
    [ThreadStatic] private static Vector<double>[]? _im;

    /// <summary>
    /// Writes |X_k|^2 of the <see cref="Lanes"/> frames in <paramref name="frames"/> (frame i at [i * 1024, (i + 1) * 1024))
    /// to <paramref name="power"/>: bin k of frame i is lane i of <c>power[k]</c> (513 vectors).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: optimised from the first track, no tier-0 pass
    public static void Power(ReadOnlySpan<double> frames, Span<Vector<double>> power)
    {
        var re = _re ??= new Vector<double>[N];
        var im = _im ??= new Vector<double>[N];
        if (Vector<double>.Count == 4 && Avx.IsSupported)
            PackAvx(frames, re, im);
        else
            Pack(frames, re, im);
        Transform(re, im);

        var half = new Vector<double>(0.5);
        power[0] = Square(re[0] + im[0]);
        power[N] = Square(re[0] - im[0]);
        for (var k = 1; k < N; k++)
        {
            // Z_k and conj(Z_{N-k}) give the transforms of the even (E) and odd (O) samples; X_k = E_k + W^k O_k.
            Vector<double> zr = re[k], zi = im[k], cr = re[N - k], ci = -im[N - k];
            var er = half * (zr + cr);
            var ei = half * (zi + ci);
            // O = -i (Z - conj(Z_{N-k})) / 2
            var or = half * (zi - ci);
            var oi = -half * (zr - cr);
            Vector<double> wr = new(SplitCos[k]), wi = new(-SplitSin[k]);
            var xr = er + wr * or - wi * oi;
            var xi = ei + wr * oi + wi * or;
            power[k] = xr * xr + xi * xi;
        }
    }

    private static Vector<double> Square(Vector<double> x) => x * x;

    /// <summary>
    /// The frames as complex values in bit-reversed order, one frame per lane: lane i of re[r] (im[r]) is sample
    /// 2 Reverse[r] (2 Reverse[r] + 1) of frame i.
    /// </summary>
    internal static void Pack(ReadOnlySpan<double> frames, Vector<double>[] re, Vector<double>[] im)
    {
        var lanes = Lanes;
        var reLanes = MemoryMarshal.Cast<Vector<double>, double>(re.AsSpan());
        var imLanes = MemoryMarshal.Cast<Vector<double>, double>(im.AsSpan());
        for (var lane = 0; lane < lanes; lane++)
        {
            var input = frames.Slice(lane * 2 * N, 2 * N);
            for (var n = 0; n < N; n++)
            {
                var r = Reverse[n] * lanes + lane;
                reLanes[r] = input[2 * n];
                imLanes[r] = input[2 * n + 1];
            }
        }
    }

    /// <summary>
    /// <see cref="Pack"/> for four lanes with AVX: each destination pair (re[r], im[r]) from the four frames' (re, im)
    /// pairs at 2 Reverse[r] by one 4 x 2 transpose, two vector stores instead of eight scalar ones (whose partial writes
    /// the transform's vector loads then had to wait for). The same values in the same places.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackAvx(ReadOnlySpan<double> frames, Vector<double>[] re, Vector<double>[] im)
    {
        ref var f0 = ref MemoryMarshal.GetReference(frames[..(8 * N)]);
        var reverse = Reverse;
        for (var r = 0; r < N; r++)
        {
            var at = 2 * reverse[r];
            var a = Vector128.LoadUnsafe(ref f0, (nuint)at); // frame 0: (re, im)
            var b = Vector128.LoadUnsafe(ref f0, (nuint)(2 * N + at));
            var c = Vector128.LoadUnsafe(ref f0, (nuint)(4 * N + at));
            var d = Vector128.LoadUnsafe(ref f0, (nuint)(6 * N + at));
            var ac = Vector256.Create(a, c); // (re0, im0, re2, im2)
            var bd = Vector256.Create(b, d); // (re1, im1, re3, im3)
            re[r] = Avx.UnpackLow(ac, bd).AsVector(); // (re0, re1, re2, re3)
            im[r] = Avx.UnpackHigh(ac, bd).AsVector(); // (im0, im1, im2, im3)
        }
    }

    /// <summary>In-place forward DFT (e^{-2 pi i n k / N}) of bit-reversed input, every lane its own transform.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: optimised from the first track, no tier-0 pass
    private static void Transform(Vector<double>[] re, Vector<double>[] im)
    {
        for (var size = 2; size <= N; size <<= 1)
        {
            var half = size >> 1;
            var step = N / size;
            for (var j = 0; j < half; j++)
            {
                var wr = new Vector<double>(Cos[j * step]);
                var wi = new Vector<double>(-Sin[j * step]);
                for (var a = j; a < N; a += size)
                {
                    var b = a + half;
                    var tr = wr * re[b] - wi * im[b];
                    var ti = wr * im[b] + wi * re[b];
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    private static int[] BitReversal()
    {
        var reverse = new int[N];
        for (var n = 0; n < N; n++)
        {
            var r = 0;
            for (var bit = 0; bit < Log2N; bit++)
                r |= ((n >> bit) & 1) << (Log2N - 1 - bit);
            reverse[n] = r;
        }
        return reverse;
    }

    private static double[] Table(Func<int, double> value, int length) => Enumerable.Range(0, length).Select(value).ToArray();
}
