using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace Disambig.Audio.Tests;

/// <summary>
/// The FFT's input packing: lane i of re[r] (im[r]) must be sample 2 rev(r) (2 rev(r) + 1) of frame i, rev reversing
/// 9 bits, whichever packing the machine takes (the AVX2 one where there is AVX2, the scalar one everywhere).
/// </summary>
public sealed class RealFftPackingTests
{
    [Fact]
    public void Pack_RandomFrames_PlacesEverySampleAtItsBitReversedIndex()
    {
        var lanes = Vector<float>.Count;
        var random = new Random(11);
        var frames = new float[lanes * 1024];
        for (var i = 0; i < frames.Length; i++)
            frames[i] = (float)(random.NextDouble() - 0.5);
        var packings = new List<Action<float[], Vector<float>[], Vector<float>[]>> { (f, re, im) => RealFft1024.Pack(f, re, im) };
        if (lanes == 8 && Avx2.IsSupported)
            packings.Add((f, re, im) => RealFft1024.PackAvx2(f, re, im));

        foreach (var pack in packings)
        {
            Vector<float>[] re = new Vector<float>[512], im = new Vector<float>[512];
            pack(frames, re, im);
            for (var r = 0; r < 512; r++)
                for (var lane = 0; lane < lanes; lane++)
                {
                    var n = Reverse9(r);
                    Assert.Equal(frames[lane * 1024 + 2 * n], re[r][lane]);
                    Assert.Equal(frames[lane * 1024 + 2 * n + 1], im[r][lane]);
                }
        }
    }

    private static int Reverse9(int value)
    {
        var reversed = 0;
        for (var bit = 0; bit < 9; bit++)
            reversed |= ((value >> bit) & 1) << (8 - bit);
        return reversed;
    }
}
