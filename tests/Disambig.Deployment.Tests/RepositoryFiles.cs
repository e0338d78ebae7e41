namespace Disambig.Deployment.Tests;

/// <summary>The repository files the deployment tests read, found upwards from the test's output folder.</summary>
internal static class RepositoryFiles
{
    private const string SolutionFile = "Disambig.Orleans.sln";

    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    public static string Root => RootDirectory.Value;

    public static string ChartDirectory => FullPath("helm/disambig");

    public static string FullPath(string relativePath) => Path.Combine(Root, relativePath);

    public static string ReadText(string relativePath) => File.ReadAllText(FullPath(relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
