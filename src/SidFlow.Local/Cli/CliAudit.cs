using System.Text.Json.Nodes;
using SidFlow.Core.Operations;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Local.Cli;

/// <summary>
/// The audit line of an admin action taken at the command line (job submit and controls, backup, restore, cache
/// clearing), as the API writes for its requests; the actor is <c>cli:</c> and the user who ran it.
/// </summary>
public static class CliAudit
{
    public static string Actor => "cli:" + Environment.UserName;

    public static Task RecordAsync(IServiceProvider services, string action, JsonObject details, bool success, CancellationToken cancellationToken) =>
        services.GetRequiredService<IAuditLog>().AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, action, Actor, details, success), cancellationToken);

    /// <summary>Submits a job for a verb: audited as <c>job.submit</c> when <paramref name="audit"/> is given (verbs, not benchmarks).</summary>
    public static Task<JobRecord> SubmitAsync(JobService jobs, IServiceProvider? audit, string type, JsonObject? config, string createdBy, CancellationToken cancellationToken) =>
        audit is null
            ? jobs.SubmitAsync(type, config, JobPriority.High, createdBy, cancellationToken)
            : AuditedAsync(audit, "job.submit", new JsonObject { ["type"] = type }, () => jobs.SubmitAsync(type, config, JobPriority.High, createdBy, cancellationToken), j => j.Id, cancellationToken);

    /// <summary>Runs the action and records it, failures included (with the error), then rethrows a failure.</summary>
    public static async Task<T> AuditedAsync<T>(IServiceProvider services, string action, JsonObject details, Func<Task<T>> run, Func<T, string?>? jobIdOf, CancellationToken cancellationToken)
    {
        try
        {
            T result = await run();
            if (jobIdOf?.Invoke(result) is { } jobId)
            {
                details["jobId"] = jobId;
            }

            await RecordAsync(services, action, details, true, cancellationToken);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            details["error"] = ex.Message;
            await RecordAsync(services, action, details, false, cancellationToken);
            throw;
        }
    }
}
