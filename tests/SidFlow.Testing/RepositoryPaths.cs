using SidFlow.Emulation.Sid;

namespace SidFlow.Testing;

/// <summary>Where the repository and the shared HVSC sample are, found from the test binaries.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SidFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SidFlow.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    /// <summary><c>../shared/hvsc-sample</c> from the project root (SIDFLOW_HVSC_SAMPLE overrides).</summary>
    public static string HvscSample =>
        Environment.GetEnvironmentVariable("SIDFLOW_HVSC_SAMPLE") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "hvsc-sample"));

    public static string C64Music => Path.Combine(HvscSample, "C64Music");

    public static string SampleFile(string hvscPath) => Path.Combine(C64Music, hvscPath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A sample tune, parsed.</summary>
    public static SidFile SampleSid(string hvscPath) => SidFile.Parse(File.ReadAllBytes(SampleFile(hvscPath)));

    public static string UpdateFixture => Path.GetFullPath(Path.Combine(Root, "..", "shared", "hvsc-update-fixture"));

    public static IEnumerable<string> AllSampleSids() =>
        Directory.EnumerateFiles(C64Music, "*.sid", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static string HvscPathOf(string fullPath) => Path.GetRelativePath(C64Music, fullPath).Replace('\\', '/');
}
