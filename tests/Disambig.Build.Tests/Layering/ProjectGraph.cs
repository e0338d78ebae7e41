using System.Xml.Linq;

namespace Disambig.Build.Tests.Layering;

/// <summary>One project under <c>src/</c> as its project file declares it: its direct project and package references.</summary>
/// <param name="Name">The project's name (its file name without <c>.csproj</c>), e.g. <c>Disambig.Audio</c>.</param>
/// <param name="Folder">Its folder.</param>
/// <param name="ProjectReferences">Names of the projects it references directly.</param>
/// <param name="PackageReferences">Ids of the packages it references directly.</param>
public sealed record SourceProject(string Name, string Folder, IReadOnlySet<string> ProjectReferences, IReadOnlySet<string> PackageReferences)
{
    /// <summary>The name without the <c>Disambig.</c> prefix, as the architecture page writes it (<c>Grains.Abstractions</c>).</summary>
    public string ShortName => Name.StartsWith(ProjectGraph.Prefix, StringComparison.Ordinal) ? Name[ProjectGraph.Prefix.Length..] : Name;
}

/// <summary>The projects of a repository's <c>src/</c> folder and their references, read from the project files (no build).</summary>
public sealed class ProjectGraph
{
    public const string Prefix = "Disambig.";

    private ProjectGraph(IReadOnlyDictionary<string, SourceProject> projects, string root)
    {
        Projects = projects;
        Root = root;
    }

    /// <summary>The repository root the graph was read from.</summary>
    public string Root { get; }

    /// <summary>Every project under <c>src/</c>, by name.</summary>
    public IReadOnlyDictionary<string, SourceProject> Projects { get; }

    /// <summary>Reads every <c>src/*/*.csproj</c> of <paramref name="repositoryRoot"/>.</summary>
    public static ProjectGraph Read(string repositoryRoot)
    {
        var projects = Directory.GetFiles(Path.Combine(repositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(ReadProject)
            .ToDictionary(project => project.Name, StringComparer.Ordinal);
        return new ProjectGraph(projects, repositoryRoot);
    }

    /// <summary>Every project <paramref name="name"/> reaches through project references, itself excluded.</summary>
    public IReadOnlySet<string> Closure(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([name]);
        while (pending.Count > 0)
        {
            if (!Projects.TryGetValue(pending.Pop(), out var project)) continue;
            foreach (var reference in project.ProjectReferences)
            {
                if (seen.Add(reference)) pending.Push(reference);
            }
        }
        seen.Remove(name);
        return seen;
    }

    /// <summary>The repository holding this test's build output: the first folder above it with <c>Disambig.Orleans.sln</c>.</summary>
    public static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Disambig.Orleans.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"No Disambig.Orleans.sln above {AppContext.BaseDirectory}.");
    }

    private static SourceProject ReadProject(string path)
    {
        var document = XDocument.Load(path);
        IReadOnlySet<string> Includes(string item) => document.Descendants()
            .Where(element => element.Name.LocalName == item)
            .Select(element => (string?)element.Attribute("Include"))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var projects = Includes("ProjectReference").Select(include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/'))).ToHashSet(StringComparer.Ordinal);
        return new SourceProject(Path.GetFileNameWithoutExtension(path), Path.GetDirectoryName(path)!, projects, Includes("PackageReference"));
    }
}
