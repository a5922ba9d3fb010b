using SidFlow.Core.Processes;

namespace SidFlow.Core.Operations;

/// <summary>
/// An external tool that the server needs for some work (sidplayfp, ffmpeg). A missing tool degrades
/// the service rather than stopping it: the API and the jobs that do not need it go on.
/// </summary>
public sealed class ExecutableCheck(string name, string executable, IReadOnlyList<string> probeArguments, string expectedOutput) : IComponentCheck
{
    public string Name { get; } = name;

    public async Task<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        string? path = ExecutableLocator.Find(executable);
        if (path is null)
        {
            return new ComponentHealth(HealthStatus.Degraded, $"'{executable}' is not installed");
        }

        ProcessResult result = await BoundedProcess.RunAsync(path, probeArguments, TimeSpan.FromSeconds(10), cancellationToken, outputCap: 64 * 1024);
        string output = result.StandardOutput + result.StandardError;
        if (result.TimedOut || !output.Contains(expectedOutput, StringComparison.OrdinalIgnoreCase))
        {
            return new ComponentHealth(HealthStatus.Degraded, $"'{path}' did not answer as {Name} does",
                new Dictionary<string, object?> { ["path"] = path });
        }

        string firstLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return new ComponentHealth(HealthStatus.Healthy, null, new Dictionary<string, object?>
        {
            ["path"] = path,
            ["version"] = firstLine.Length > 120 ? firstLine[..120] : firstLine,
        });
    }
}
