using System.Text.Json.Nodes;

namespace SidFlow.Core.Jobs;

/// <summary>What a job type sees of its job: the record, its config, its log, its scratch storage, and where its fan-in puts a result.</summary>
public class JobContext(JobRecord job, JobLogWriter log, IJobTempStore temp, Action<string>? status = null, Func<JsonObject, CancellationToken, Task>? result = null)
{
    public JobRecord Job { get; } = job;
    public JsonObject Config => Job.Config;
    public IJobTempStore Temp { get; } = temp;

    public void Log(string message) => log.Info(Job.Id, message);

    public void Warn(string message) => log.Warn(Job.Id, message);

    /// <summary>A progress message while enumerating or finalizing ("Downloading HVSC_84-all-of-them.7z 42%").</summary>
    public void ReportStatus(string message) => status?.Invoke(message);

    /// <summary>Keeps a summary of what the job found (a validation report, say) in the job's <c>metadata.result</c>, after its scratch blobs are gone.</summary>
    public Task SaveResultAsync(JsonObject value, CancellationToken cancellationToken) =>
        result is null ? Task.CompletedTask : result(value, cancellationToken);
}

public sealed class JobItemContext(JobRecord job, JobLogWriter log, IJobTempStore temp, JobItem item)
    : JobContext(job, log, temp)
{
    public JobItem Item { get; } = item;
    public string Key => Item.Key;
    public int Attempt => Item.Attempt;

    /// <summary>Where an answer to a hand-off goes: the run's orchestration instance.</summary>
    public string ReplyTo { get; init; } = string.Empty;

    /// <summary>Set by <see cref="HandOffUntil"/>: the item ends when its answer comes, not when it returns.</summary>
    public ItemHandOff? HandOff { get; private set; }

    /// <summary>The item's work continues elsewhere; the run waits for <paramref name="answerName"/> until <paramref name="deadline"/>, then fails it with <paramref name="unanswered"/>.</summary>
    public void HandOffUntil(string answerName, DateTimeOffset deadline, string unanswered) => HandOff = new ItemHandOff(answerName, deadline, unanswered);
}
