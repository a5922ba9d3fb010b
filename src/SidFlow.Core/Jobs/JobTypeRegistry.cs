namespace SidFlow.Core.Jobs;

/// <summary>The job types this instance can run.</summary>
public sealed class JobTypeRegistry(IEnumerable<JobType> types)
{
    public const string Pipeline = "pipeline";

    /// <summary>Types of the guide that later parts of the product provide; asking for one before then answers 501.</summary>
    public static readonly IReadOnlyList<string> KnownTypes = ["fetch", "classify", "train", "render", Pipeline];

    private readonly Dictionary<string, JobType> _types = types.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);

    public JobType? Find(string name) => _types.GetValueOrDefault(name);

    public bool IsAvailable(string name) => name.Equals(Pipeline, StringComparison.OrdinalIgnoreCase) || _types.ContainsKey(name);

    public IEnumerable<string> Names => _types.Keys.Order(StringComparer.Ordinal);
}
