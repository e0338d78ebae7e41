using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Disambig.Cli.IO;

/// <summary>A C-ordered array read from or written to NumPy's <c>.npy</c> format (version 1.0).</summary>
/// <param name="Shape">Dimensions, outermost first.</param>
/// <param name="Data">The values, row-major.</param>
public sealed record NpyArray(int[] Shape, float[] Data);

/// <summary>Reads float32/float64 arrays and writes float32/float64 arrays in NumPy's <c>.npy</c> format.</summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes float32 values ('&lt;f4') with the given shape.</summary>
    public static void WriteFloat32(string path, ReadOnlySpan<float> data, params int[] shape)
    {
        using var stream = CreateWithHeader(path, "<f4", shape, data.Length);
        stream.Write(MemoryMarshal.AsBytes(data));
    }

    /// <summary>Writes float64 values ('&lt;f8') with the given shape.</summary>
    public static void WriteFloat64(string path, ReadOnlySpan<double> data, params int[] shape)
    {
        using var stream = CreateWithHeader(path, "<f8", shape, data.Length);
        stream.Write(MemoryMarshal.AsBytes(data));
    }

    /// <summary>Reads a little-endian float32 or float64 array (converted to float32), C order.</summary>
    /// <exception cref="InvalidDataException">The file is not a supported .npy array; the message names the file.</exception>
    public static NpyArray ReadFloat32(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not a NumPy .npy file.");
        var major = reader.ReadByte();
        reader.ReadByte();
        int headerLength = major == 1 ? reader.ReadUInt16() : (int)reader.ReadUInt32();
        var header = Encoding.Latin1.GetString(reader.ReadBytes(headerLength));

        var descr = DescrPattern().Match(header);
        var order = FortranPattern().Match(header);
        var shapeText = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shapeText.Success)
            throw new InvalidDataException($"{path}: unreadable .npy header.");
        if (order.Groups[1].Value == "True")
            throw new InvalidDataException($"{path}: Fortran-ordered arrays are not supported; save with C order.");
        var shape = shapeText.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        long count = shape.Aggregate(1L, (product, dimension) => product * dimension);

        var data = new float[count];
        switch (descr.Groups[1].Value)
        {
            case "<f4":
                for (long i = 0; i < count; i++) data[i] = reader.ReadSingle();
                break;
            case "<f8":
                for (long i = 0; i < count; i++) data[i] = (float)reader.ReadDouble();
                break;
            default:
                throw new InvalidDataException($"{path}: dtype '{descr.Groups[1].Value}' is not supported; use float32 or float64.");
        }
        return new NpyArray(shape, data);
    }

    // Values are written in memory order: this project runs on little-endian x64 only, matching '<'.
    private static FileStream CreateWithHeader(string path, string descr, int[] shape, int count)
    {
        if (shape.Aggregate(1L, (product, dimension) => product * dimension) != count)
            throw new ArgumentException($"Shape ({string.Join(", ", shape)}) does not hold {count} values.", nameof(shape));
        var shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        // Magic (6) + version (2) + length (2) + header + '\n' is padded to a multiple of 64 bytes.
        int padded = (Magic.Length + 4 + header.Length + 1 + 63) / 64 * 64;
        header = header.PadRight(padded - Magic.Length - 4 - 1) + "\n";

        var stream = File.Create(path);
        stream.Write(Magic);
        stream.Write([1, 0, (byte)(header.Length & 0xff), (byte)(header.Length >> 8)]);
        stream.Write(Encoding.Latin1.GetBytes(header));
        return stream;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
