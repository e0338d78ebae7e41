namespace Disambig.Build.Tests.Layering;

/// <summary>A throwaway repository tree in a temporary folder, to plant wrong references in; deleted on dispose.</summary>
public sealed class FakeRepository : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "disambig-fake-repo-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="text"/> at <paramref name="relative"/> (folders created).</summary>
    public void Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Writes <c>src/{name}/{name}.csproj</c> with these project and package references.</summary>
    public void Project(string name, IEnumerable<string>? references = null, IEnumerable<string>? packages = null)
    {
        var items = (references ?? []).Select(r => $"    <ProjectReference Include=\"../{r}/{r}.csproj\" />")
            .Concat((packages ?? []).Select(p => $"    <PackageReference Include=\"{p}\" />"));
        Write($"src/{name}/{name}.csproj", $"<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n{string.Join('\n', items)}\n  </ItemGroup>\n</Project>\n");
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
