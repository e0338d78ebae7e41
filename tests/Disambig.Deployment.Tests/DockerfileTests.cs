using System.Text.RegularExpressions;

namespace Disambig.Deployment.Tests;

/// <summary>
/// The container images cannot be built on this machine (no Docker engine); these tests hold the Dockerfiles to
/// what makes them correct by construction: pinned bases, multi-stage, a non-root runtime user, ffmpeg, the silo.
/// </summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string> Dockerfiles => new("infra/docker/Dockerfile", "infra/docker/Dockerfile.cuda");

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Dockerfile_ResolveBaseImages_EveryRegistryImage_IsPinnedToAPatchVersion(string path)
    {
        var dockerfile = Dockerfile.Read(RepositoryFiles.FullPath(path));
        var registryImages = dockerfile.Stages.Select(stage => stage.BaseImage).Where(image => !dockerfile.IsStage(image)).ToList();

        Assert.NotEmpty(registryImages);
        Assert.All(registryImages, image =>
        {
            Assert.DoesNotContain("$", image, StringComparison.Ordinal);
            Assert.Matches(PinnedImage(), image);
        });
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Dockerfile_Stages_BuildWithTheSdkAndRunWithoutIt(string path)
    {
        var dockerfile = Dockerfile.Read(RepositoryFiles.FullPath(path));
        var build = Assert.Single(dockerfile.Stages, stage => stage.Name == "build");

        Assert.True(dockerfile.Stages.Count >= 2);
        Assert.Contains("/dotnet/sdk:", build.BaseImage, StringComparison.Ordinal);
        Assert.DoesNotContain("/dotnet/sdk:", dockerfile.FinalStage.BaseImage, StringComparison.Ordinal);
        Assert.Contains(dockerfile.FinalStage.Instructions, instruction =>
            instruction.Keyword == "COPY" && instruction.Arguments.StartsWith("--from=build ", StringComparison.Ordinal));
        Assert.Contains(build.Instructions, instruction =>
            instruction.Keyword == "RUN" && instruction.Arguments.Contains("dotnet publish src/Disambig.Silo/Disambig.Silo.csproj", StringComparison.Ordinal));
        Assert.Contains(build.Instructions, instruction =>
            instruction.Keyword == "RUN" && instruction.Arguments.Contains("dotnet publish src/Disambig.Cli/Disambig.Cli.csproj", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Dockerfile_FinalStage_RunsAsTheChartsNumericNonRootUser(string path)
    {
        var dockerfile = Dockerfile.Read(RepositoryFiles.FullPath(path));
        var user = dockerfile.FinalStage.Instructions.Last(instruction => instruction.Keyword == "USER").Arguments;
        var chartUser = (long?)HelmChart.At(HelmChart.DefaultValues(), "podSecurityContext.runAsUser");

        // Numeric, so Kubernetes can verify runAsNonRoot against the image.
        Assert.Matches(@"^[0-9]+(:[0-9]+)?$", user);
        Assert.NotEqual(0, long.Parse(user.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(chartUser, long.Parse(user.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Dockerfile_FinalStage_InstallsFfmpegAndStartsTheSilo(string path)
    {
        var dockerfile = Dockerfile.Read(RepositoryFiles.FullPath(path));
        var siloAssembly = (string?)HelmChart.At(HelmChart.DefaultValues(), "appContract.siloAssembly");

        Assert.Contains(dockerfile.FinalStage.Instructions, instruction =>
            instruction.Keyword == "RUN" && Regex.IsMatch(instruction.Arguments, @"apt-get install -y --no-install-recommends [^&]*\bffmpeg\b"));
        Assert.Equal($"[\"dotnet\", \"{siloAssembly}\"]", dockerfile.FinalStage.Instructions.Last(instruction => instruction.Keyword == "ENTRYPOINT").Arguments);
    }

    [Fact]
    public void CudaDockerfile_Publish_SelectsTheCudaBackendOnAnUbuntu2404Base()
    {
        var dockerfile = Dockerfile.Read(RepositoryFiles.FullPath("infra/docker/Dockerfile.cuda"));
        var publishes = dockerfile.Stages.Single(stage => stage.Name == "build").Instructions
            .Where(instruction => instruction.Keyword == "RUN")
            .SelectMany(instruction => instruction.Arguments.Split("&&"))
            .Where(command => command.Contains("dotnet publish", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(2, publishes.Count);
        Assert.All(publishes, command => Assert.Contains("-p:TorchSharpBackend=cuda", command, StringComparison.Ordinal));
        // Ubuntu 24.04's libstdc++ defines GLIBCXX_3.4.32, which libLibTorchSharp.so asks for.
        Assert.Matches(@"^nvidia/cuda:12\.8\.\d+-[a-z]+-ubuntu24\.04$", dockerfile.FinalStage.BaseImage);
    }

    [Fact]
    public void DockerIgnore_BuildContext_ExcludesBuildOutputAndKeepsTheSources()
    {
        var rules = RepositoryFiles.ReadText(".dockerignore").Split('\n').Select(line => line.Trim()).ToList();

        Assert.Equal("*", rules.First(rule => rule.Length > 0 && !rule.StartsWith('#')));
        Assert.Contains("!src/", rules);
        Assert.Contains("!tools/build/", rules);
        Assert.Contains("!Directory.Packages.props", rules);
        Assert.Contains("**/bin/", rules);
        Assert.Contains("**/obj/", rules);
    }

    // registry/repository:tag with a major.minor.patch version in the tag (never "latest"), or a digest.
    [GeneratedRegex(@"^[a-z0-9.-]+(/[a-z0-9._-]+)+:(?!latest$)[A-Za-z0-9._-]*[0-9]+\.[0-9]+\.[0-9]+[A-Za-z0-9._-]*$|@sha256:[0-9a-f]{64}$")]
    private static partial Regex PinnedImage();
}
