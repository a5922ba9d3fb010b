using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SidFlow.Core.Catalog;
using SidFlow.Core.Collection;
using SidFlow.Core.Jobs;

namespace SidFlow.Core.Fetch;

/// <summary>
/// The <c>fetch</c> job: plan the change while listing items (nothing is written), then write and remove
/// files as items (fanned out), then catalogue and record the version last. An unfinished plan from an
/// earlier fetch is finished first, so a crash is resumed, never left half-applied.
/// </summary>
public sealed class FetchJobType(
    FetchPlanner planner,
    IHvscStateStore state,
    ICollectionStore collection,
    CatalogReconciler reconciler,
    IHvscSourceFactory sources,
    IOptions<FetchOptions> options,
    TimeProvider time,
    ILogger<FetchJobType> logger) : JobType
{
    public const string TypeName = "fetch";

    public override string Name => TypeName;

    public override bool CountsFiles => true;

    /// <summary>An item is one blob written or removed: many go in one activity.</summary>
    public override int? ItemsPerActivity(JsonObject config) => 64;

    public override string DescribeItem(string key) =>
        key.StartsWith(FetchPlan.DeletePrefix, StringComparison.Ordinal) ? $"Removing {key[FetchPlan.DeletePrefix.Length..]}" : $"Installing {key[FetchPlan.PutPrefix.Length..]}";

    public override JsonObject NormalizeConfig(JsonObject config)
    {
        bool force = config["force"] switch
        {
            null => false,
            JsonValue v when v.TryGetValue(out bool b) => b,
            _ => throw new JobConfigException("force must be true or false"),
        };
        string? source = config["source"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s) => s.Trim(),
            _ => throw new JobConfigException("source must be a mirror URL or a local path"),
        };
        if (source is not null && sources.Create(source) is null)
        {
            throw new JobConfigException($"source '{source}' is neither an http(s) URL nor an existing local path");
        }

        var normalized = new JsonObject { ["force"] = force };
        if (source is not null)
        {
            normalized["source"] = source;
        }

        return normalized;
    }

    public override async IAsyncEnumerable<JobItemSpec> EnumerateAsync(JobContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        FetchPlan? plan = await state.ReadPlanAsync(cancellationToken);
        if (plan is not null)
        {
            context.Log($"Finishing the unfinished plan {plan.PlanId} of {plan.JobId} first: {plan.Summary}");
        }
        else
        {
            string? configured = context.Config["source"]?.GetValue<string>();
            IHvscSource source = sources.Create(configured) ?? throw new FetchException($"source '{configured}' cannot be used");
            var report = new FetchReporter(context.ReportStatus, context.Log, context.Warn);
            try
            {
                plan = await planner.PlanAsync(source, context.Config["force"]?.GetValue<bool>() == true, context.Job.Id, report, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await state.DeleteStagingAsync(context.Job.Id, CancellationToken.None);
                throw;
            }
            finally
            {
                DeleteDownloads(context.Job.Id);
            }

            if (plan is null)
            {
                await state.DeleteStagingAsync(context.Job.Id, cancellationToken);
                yield break;
            }

            await state.WritePlanAsync(plan, cancellationToken);
        }

        foreach (PlannedPut put in plan.Puts)
        {
            yield return new JobItemSpec(FetchPlan.PutPrefix + put.Path, JsonSerializer.Serialize(put));
        }

        foreach (string path in plan.Deletes)
        {
            yield return new JobItemSpec(FetchPlan.DeletePrefix + path);
        }
    }

    public override async Task RunItemAsync(JobItemContext context, CancellationToken cancellationToken)
    {
        string key = context.Key;
        if (key.StartsWith(FetchPlan.DeletePrefix, StringComparison.Ordinal))
        {
            await collection.DeleteAsync(key[FetchPlan.DeletePrefix.Length..], cancellationToken);
            return;
        }

        PlannedPut put = JsonSerializer.Deserialize<PlannedPut>(context.Item.Payload ?? throw new InvalidOperationException($"{key} has no payload"))!;
        byte[] bytes = await state.ReadStagedAsync(put.Blob, cancellationToken);
        await collection.WriteAsync(put.Path, bytes, cancellationToken);
    }

    public override async Task FinalizeAsync(JobContext context, JobCounters counters, CancellationToken cancellationToken)
    {
        FetchPlan? plan = await state.ReadPlanAsync(cancellationToken);
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (plan is null)
        {
            // Nothing was to change: the collection is current as of now.
            if (await state.ReadVersionAsync(cancellationToken) is { } current)
            {
                await state.WriteVersionAsync(current with { CheckedAt = now }, cancellationToken);
            }

            return;
        }

        if (counters.Failed > 0)
        {
            context.Warn($"{counters.Failed} files were not written; the plan {plan.PlanId} stays and a retry or the next fetch finishes it");
            return;
        }

        var progress = new Progress(context.ReportStatus);
        ReconcileSummary catalogued = await reconciler.ReconcileAsync(progress, cancellationToken);
        context.Log($"Catalogue: {catalogued.SidFiles} SID files, {catalogued.Written} rows written, {catalogued.Deleted} removed");
        // The version record comes last: until it is written, the plan is unfinished and will be finished.
        await state.WriteVersionAsync(plan.Target with { SidCount = catalogued.SidFiles, InstalledAt = now, CheckedAt = now }, cancellationToken);
        await state.DeletePlanAsync(plan.PlanId, cancellationToken);
        context.Log($"Release {plan.Target.Version} installed");
        logger.ReleaseInstalled(plan.Target.Version, context.Job.Id);
    }

    private void DeleteDownloads(string jobId)
    {
        try
        {
            string dir = Path.Combine(options.Value.DownloadRoot, jobId);
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException ex)
        {
            logger.DownloadsNotRemoved(ex, jobId);
        }
    }

    private sealed class Progress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
