#nullable enable
// Compiled by MSBuild's RoslynCodeTaskFactory (see TorchSharpNative.targets) and by the build tests.
// Kept to netstandard2.0 APIs because inline tasks compile against them.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks a symbol-version requirement (an entry of <c>.gnu.version_r</c>) of an ELF shared object
/// as weak (<c>VER_FLG_WEAK</c>), so the dynamic loader only warns when the system library lacks it.
/// TorchSharp 0.107's libLibTorchSharp.so needs GLIBCXX_3.4.32 (GCC 13) for one symbol it never binds;
/// Debian 12 ships GCC 12's libstdc++, which refuses to load it without this change.
/// </summary>
public sealed class WeakenGlibcxxVersionNeed : Microsoft.Build.Utilities.Task
{
    /// <summary>Shared objects to patch in place (output copies only, never package caches).</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The version name whose requirement becomes weak.</summary>
    public string VersionName { get; set; } = "GLIBCXX_3.4.32";

    /// <summary>The system libstdc++ to ask first; empty means the usual Linux locations.</summary>
    public string SystemLibrary { get; set; } = "";

    public override bool Execute()
    {
        var system = string.IsNullOrEmpty(SystemLibrary) ? ElfVersions.FindSystemLibStdCxx() : SystemLibrary;
        if (system != null && ElfVersions.DefinesVersion(system, VersionName))
        {
            Log.LogMessage(MessageImportance.Low, "{0} defines {1}; TorchSharp loads unpatched.", system, VersionName);
            return true;
        }
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            try
            {
                var outcome = ElfVersions.MarkNeedWeak(path, VersionName);
                Log.LogMessage(MessageImportance.Normal, "{0}: {1} requirement {2}.", path, VersionName, outcome);
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                Log.LogError("Cannot mark {0} weak in {1}: {2}", VersionName, path, e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }
}

/// <summary>What <see cref="ElfVersions.MarkNeedWeak"/> did.</summary>
public enum WeakenOutcome { Marked, AlreadyWeak, NotRequired }

/// <summary>Reads and edits the GNU symbol-versioning sections of little-endian ELF64 files.</summary>
public static class ElfVersions
{
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    private static readonly string[] LibStdCxxLocations =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    };

    public static string? FindSystemLibStdCxx()
    {
        foreach (var candidate in LibStdCxxLocations)
        {
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>True when the library's <c>.gnu.version_d</c> defines <paramref name="version"/>.</summary>
    public static bool DefinesVersion(string path, string version)
    {
        var elf = File.ReadAllBytes(path);
        foreach (var section in Sections(elf, path))
        {
            if (section.Type != ShtGnuVerdef) continue;
            var strings = SectionAt(elf, section.Link, path);
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                uint aux = U32(elf, entry + 12);
                uint name = U32(elf, entry + aux);
                if (CString(elf, strings.Offset + name) == version) return true;
                uint next = U32(elf, entry + 16);
                if (next == 0) break;
                entry += next;
            }
        }
        return false;
    }

    /// <summary>All version requirements (<c>.gnu.version_r</c>) with their flags.</summary>
    public static IReadOnlyList<(string Name, ushort Flags)> VersionNeeds(string path)
    {
        var elf = File.ReadAllBytes(path);
        var needs = new List<(string, ushort)>();
        foreach (var (offset, name) in NeedAuxEntries(elf, path))
        {
            needs.Add((name, U16(elf, offset + 4)));
        }
        return needs;
    }

    /// <summary>
    /// Sets <c>VER_FLG_WEAK</c> on the requirement named <paramref name="version"/>. Idempotent; writes a new
    /// file and renames it over the old one, so a hard link into a package cache is never modified.
    /// </summary>
    public static WeakenOutcome MarkNeedWeak(string path, string version)
    {
        var elf = File.ReadAllBytes(path);
        var outcome = WeakenOutcome.NotRequired;
        foreach (var (offset, name) in NeedAuxEntries(elf, path))
        {
            if (name != version) continue;
            ushort flags = U16(elf, offset + 4);
            if ((flags & VerFlgWeak) != 0)
            {
                if (outcome == WeakenOutcome.NotRequired) outcome = WeakenOutcome.AlreadyWeak;
                continue;
            }
            flags |= VerFlgWeak;
            elf[offset + 4] = (byte)(flags & 0xff);
            elf[offset + 5] = (byte)(flags >> 8);
            outcome = WeakenOutcome.Marked;
        }
        if (outcome == WeakenOutcome.Marked)
        {
            var temporary = path + ".weakening";
            File.WriteAllBytes(temporary, elf);
            File.Delete(path);
            File.Move(temporary, path);
        }
        return outcome;
    }

    private static IEnumerable<(long Offset, string Name)> NeedAuxEntries(byte[] elf, string path)
    {
        foreach (var section in Sections(elf, path))
        {
            if (section.Type != ShtGnuVerneed) continue;
            var strings = SectionAt(elf, section.Link, path);
            long need = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                ushort count = U16(elf, need + 2);
                long aux = need + U32(elf, need + 8);
                for (ushort j = 0; j < count; j++)
                {
                    uint name = U32(elf, aux + 8);
                    yield return (aux, CString(elf, strings.Offset + name));
                    uint nextAux = U32(elf, aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = U32(elf, need + 12);
                if (next == 0) break;
                need += next;
            }
        }
    }

    private readonly struct Section
    {
        public Section(uint type, long offset, uint link, uint info)
        {
            Type = type;
            Offset = offset;
            Link = link;
            Info = info;
        }

        public uint Type { get; }
        public long Offset { get; }
        public uint Link { get; }
        public uint Info { get; }
    }

    private static List<Section> Sections(byte[] elf, string path)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException(path + " is not an ELF file.");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException(path + " is not a little-endian ELF64 file.");
        long headerTable = (long)U64(elf, 0x28);
        ushort entrySize = U16(elf, 0x3a);
        ushort count = U16(elf, 0x3c);
        if (headerTable <= 0 || headerTable + (long)entrySize * count > elf.Length)
            throw new InvalidDataException(path + " has a section header table outside the file.");
        var sections = new List<Section>(count);
        for (int i = 0; i < count; i++)
        {
            long h = headerTable + (long)i * entrySize;
            sections.Add(new Section(U32(elf, h + 4), (long)U64(elf, h + 0x18), U32(elf, h + 0x28), U32(elf, h + 0x2c)));
        }
        return sections;
    }

    private static Section SectionAt(byte[] elf, uint index, string path)
    {
        var sections = Sections(elf, path);
        if (index >= sections.Count) throw new InvalidDataException(path + " links a missing string table.");
        return sections[(int)index];
    }

    private static ushort U16(byte[] b, long o) => Check(b, o, 2) ? (ushort)(b[o] | (b[o + 1] << 8)) : (ushort)0;

    private static uint U32(byte[] b, long o) => Check(b, o, 4) ? (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) : 0;

    private static ulong U64(byte[] b, long o) => Check(b, o, 8) ? U32(b, o) | ((ulong)U32(b, o + 4) << 32) : 0;

    private static bool Check(byte[] b, long offset, int size)
    {
        if (offset < 0 || offset + size > b.Length) throw new InvalidDataException("ELF structure points outside the file.");
        return true;
    }

    private static string CString(byte[] b, long offset)
    {
        Check(b, offset, 1);
        long end = offset;
        while (end < b.Length && b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, (int)offset, (int)(end - offset));
    }
}
