using System.Text.Json.Nodes;

namespace SidFlow.Core.Jobs;

/// <summary>
/// What a kind of job does: list its items, run one item (idempotently: an item may run more than once),
/// and optionally fan in after all items finished. Nothing in the engine knows more than this.
/// </summary>
public abstract class JobType
{
    public abstract string Name { get; }

    /// <summary>True when items are files, so progress also shows processedFiles/totalFiles.</summary>
    public virtual bool CountsFiles => false;

    public virtual TimeSpan? ItemTimeout => null;

    /// <summary>Validates a request's config and fills defaults; throws <see cref="JobConfigException"/> for a bad request.</summary>
    public virtual JsonObject NormalizeConfig(JsonObject config) => config;

    /// <summary>Items of one job run at most this many at a time in one instance (CPU-bound work); null for no limit.</summary>
    public virtual int? MaxParallelItems(JsonObject config) => null;

    /// <summary>Items of one run in flight at once (handed-off ones included), when the type knows better than <c>jobs.dispatchWindow</c>.</summary>
    public virtual int? MaxInFlight(JsonObject config) => null;

    /// <summary>Items one activity runs, when the type knows better than <c>jobs.itemsPerActivity</c> (tiny items: more).</summary>
    public virtual int? ItemsPerActivity(JsonObject config) => null;

    public virtual string DescribeItem(string key) => key;

    public abstract IAsyncEnumerable<JobItemSpec> EnumerateAsync(JobContext context, CancellationToken cancellationToken);

    public abstract Task RunItemAsync(JobItemContext context, CancellationToken cancellationToken);

    /// <summary>Runs once all items are done or failed (fan-in). It may run again after a crash, so it must be idempotent.</summary>
    public virtual Task FinalizeAsync(JobContext context, JobCounters counters, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A job's config cannot be used; the API answers 400 with the message.</summary>
public sealed class JobConfigException(string message) : Exception(message);
