using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SidFlow.Core.Jobs;

namespace SidFlow.Storage.Jobs;

/// <summary>
/// The <c>jobitems</c> table. Partition = job id. Item rows are <c>i_{encoded key}</c>; each of the
/// <see cref="JobShards.Count"/> shard rows <c>s_NN</c> holds the fence (control) and the counters of its
/// items. Every change to items goes with a change to their shard row in one entity-group transaction,
/// conditional on the shard row's ETag, so counting is exact under any concurrency.
/// </summary>
public sealed class TableJobItemLedger(StorageClients storage, TimeProvider time) : IJobItemLedger
{
    private const string ItemPrefix = "i_";
    private const string ItemEnd = "i`";
    private const string ShardPrefix = "s_";
    private const string ShardEnd = "s`";
    private const int MaxItemsPerTransaction = TableBatches.MaxOperations - 1;
    private const int MaxAttempts = 30;
    private const int MaxErrorLength = 4000;

    private readonly TableClient _table = storage.Table(storage.Names.JobItemsTable);

    public async Task InitializeAsync(string jobId, JobControl control, CancellationToken cancellationToken)
    {
        var actions = Enumerable.Range(0, JobShards.Count).Select(s => new TableTransactionAction(
            TableTransactionActionType.UpsertMerge,
            new TableEntity(jobId, ShardKey(s)) { ["control"] = Wire(control) }));
        await _table.SubmitTransactionAsync(actions, cancellationToken);
    }

    public Task SetControlAsync(string jobId, JobControl control, CancellationToken cancellationToken) =>
        InitializeAsync(jobId, control, cancellationToken);

    public async Task AddItemsAsync(string jobId, IReadOnlyCollection<JobItemSpec> items, CancellationToken cancellationToken)
    {
        var groups = items.DistinctBy(i => i.Key, StringComparer.Ordinal)
            .GroupBy(i => JobShards.Of(i.Key))
            .SelectMany(g => g.Chunk(MaxItemsPerTransaction).Select(chunk => (Shard: g.Key, Items: chunk)))
            .ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (group, ct) => await AddChunkAsync(jobId, group.Shard, group.Items, ct));
    }

    private async Task AddChunkAsync(string jobId, int shard, JobItemSpec[] chunk, CancellationToken cancellationToken)
    {
        List<JobItemSpec> remaining = [.. chunk];
        for (int attempt = 1; remaining.Count > 0; attempt++)
        {
            TableEntity shardRow = await GetShardAsync(jobId, shard, cancellationToken);
            long now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var actions = remaining.Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(jobId, ItemKey(i.Key))
            {
                ["key"] = i.Key,
                ["shard"] = shard,
                ["status"] = "pending",
                ["attempts"] = 0,
                ["payload"] = i.Payload,
                ["updatedAt"] = now,
            })).ToList();
            actions.Add(ShardUpdate(jobId, shard, shardRow, total: Count(shardRow, "total") + remaining.Count));
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 && attempt < MaxAttempts)
            {
                // Some items exist from an earlier listing of this job: add only the others.
                HashSet<string> existing = (await ReadItemsAsync(jobId, shard, remaining.Select(i => i.Key), cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
                remaining.RemoveAll(i => existing.Contains(i.Key));
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
            {
                await BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    public async Task<JobCounters> GetCountersAsync(string jobId, CancellationToken cancellationToken)
    {
        long total = 0, running = 0, done = 0, failed = 0, lastAt = 0;
        string? last = null;
        await foreach (TableEntity row in _table.QueryAsync<TableEntity>(ShardsFilter(jobId), cancellationToken: cancellationToken))
        {
            total += Count(row, "total");
            running += Count(row, "running");
            done += Count(row, "done");
            failed += Count(row, "failed");
            long at = row.GetInt64("lastItemAt") ?? 0;
            if (at >= lastAt && row.GetString("lastItem") is { } item)
            {
                lastAt = at;
                last = item;
            }
        }

        return new JobCounters(total, Math.Max(0, running), done, failed, last);
    }

    public async Task<StartedItems> StartAsync(string jobId, int shard, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            TableEntity shardRow = await GetShardAsync(jobId, shard, cancellationToken);
            JobControl control = ParseControl(shardRow.GetString("control"));
            if (control != JobControl.Running)
            {
                return new StartedItems(jobId, shard, control, []);
            }

            Dictionary<string, TableEntity> rows = await ReadItemsAsync(jobId, shard, keys, cancellationToken);
            var startable = keys.Distinct(StringComparer.Ordinal)
                .Select(k => rows.GetValueOrDefault(k))
                .Where(r => r is not null && r.GetString("status") is "pending" or "running")
                .Select(r => r!)
                .ToList();
            if (startable.Count == 0)
            {
                return new StartedItems(jobId, shard, control, []);
            }

            long now = time.GetUtcNow().ToUnixTimeMilliseconds();
            int newlyRunning = startable.Count(r => r.GetString("status") == "pending");
            long runningAfter = Count(shardRow, "running") + newlyRunning;
            var actions = startable.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(jobId, r.RowKey)
            {
                ["status"] = "running",
                ["attempts"] = (r.GetInt32("attempts") ?? 0) + 1,
                ["updatedAt"] = now,
            }, r.ETag)).ToList();
            // The shard row takes part even when no counter changes: its ETag is the fence against a concurrent pause.
            actions.Add(ShardUpdate(jobId, shard, shardRow, running: runningAfter));
            try
            {
                Response<IReadOnlyList<Response>> response = await _table.SubmitTransactionAsync(actions, cancellationToken);
                var items = startable.Select(r => ToItem(r) with { Status = JobItemStatus.Running, Attempts = (r.GetInt32("attempts") ?? 0) + 1 }).ToList();
                var etags = new Dictionary<string, ETag>(StringComparer.Ordinal);
                for (int i = 0; i < startable.Count; i++)
                {
                    etags[startable[i].GetString("key")] = response.Value[i].Headers.ETag ?? ETag.All;
                }

                var state = new ShardSnapshot(
                    response.Value[^1].Headers.ETag ?? default,
                    Count(shardRow, "total"), runningAfter, Count(shardRow, "done"), Count(shardRow, "failed"), etags);
                return new StartedItems(jobId, shard, control, items) { Concurrency = state };
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404 && attempt < MaxAttempts)
            {
                await BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    public async Task CompleteAsync(StartedItems started, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return;
        }

        // First try with what the start transaction returned: no reads when no one else touched the shard meanwhile.
        if (started.Concurrency is ShardSnapshot snapshot && snapshot.ShardETag != default)
        {
            var running = results.Where(r => snapshot.ItemETags.ContainsKey(r.Key)).ToList();
            try
            {
                await _table.SubmitTransactionAsync(CompletionActions(started.JobId, started.Shard, running, snapshot.ItemETags, snapshot.ShardETag,
                    snapshot.Total, snapshot.Running, snapshot.Done, snapshot.Failed), cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404)
            {
                // Someone else changed the shard: read and apply to what is still running.
            }
        }

        for (int attempt = 1; ; attempt++)
        {
            TableEntity shardRow = await GetShardAsync(started.JobId, started.Shard, cancellationToken);
            Dictionary<string, TableEntity> rows = await ReadItemsAsync(started.JobId, started.Shard, results.Select(r => r.Key), cancellationToken);
            var applicable = results.Where(r => rows.TryGetValue(r.Key, out TableEntity? row) && row.GetString("status") == "running").ToList();
            if (applicable.Count == 0)
            {
                return;
            }

            var etags = applicable.ToDictionary(r => r.Key, r => rows[r.Key].ETag, StringComparer.Ordinal);
            try
            {
                await _table.SubmitTransactionAsync(CompletionActions(started.JobId, started.Shard, applicable, etags, shardRow.ETag,
                    Count(shardRow, "total"), Count(shardRow, "running"), Count(shardRow, "done"), Count(shardRow, "failed")), cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 or 404 && attempt < MaxAttempts)
            {
                await BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    private List<TableTransactionAction> CompletionActions(string jobId, int shard, IReadOnlyList<ItemResult> results, IReadOnlyDictionary<string, ETag> etags,
        ETag shardETag, long total, long running, long done, long failed)
    {
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var actions = new List<TableTransactionAction>(results.Count + 1);
        foreach (ItemResult r in results)
        {
            var row = new TableEntity(jobId, ItemKey(r.Key))
            {
                ["status"] = r.Outcome switch { ItemOutcome.Done => "done", ItemOutcome.Failed => "failed", _ => "pending" },
                ["lastError"] = r.Error is { Length: > MaxErrorLength } e ? e[..MaxErrorLength] : r.Error,
                ["updatedAt"] = now,
            };
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, row, etags[r.Key]));
        }

        var shardRow = new TableEntity(jobId, ShardKey(shard))
        {
            ["total"] = total,
            ["running"] = Math.Max(0, running - results.Count),
            ["done"] = done + results.Count(r => r.Outcome == ItemOutcome.Done),
            ["failed"] = failed + results.Count(r => r.Outcome == ItemOutcome.Failed),
            ["lastItem"] = results[^1].Key,
            ["lastItemAt"] = now,
        };
        actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, shardRow, shardETag));
        return actions;
    }

    public async Task<ItemPage> ListItemsAsync(string jobId, JobItemStatus? status, string? afterCursor, int take, CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {jobId} and RowKey gt {afterCursor ?? ItemPrefix} and RowKey lt {ItemEnd}");
        if (status is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"status eq {Wire(status.Value)}");
        }

        var items = new List<JobItem>(Math.Min(take, 1000));
        string? cursor = afterCursor;
        await foreach (TableEntity row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Clamp(take, 1, 1000), cancellationToken: cancellationToken))
        {
            items.Add(ToItem(row));
            cursor = row.RowKey;
            if (items.Count >= take)
            {
                break;
            }
        }

        return new ItemPage(items, cursor);
    }

    public async Task<int> ResetFailedAsync(string jobId, CancellationToken cancellationToken)
    {
        int reset = 0;
        while (true)
        {
            ItemPage failed = await ListItemsAsync(jobId, JobItemStatus.Failed, null, 1000, cancellationToken);
            if (failed.Items.Count == 0)
            {
                return reset;
            }

            foreach (var group in failed.Items.GroupBy(i => i.Shard).SelectMany(g => g.Chunk(MaxItemsPerTransaction).Select(c => (Shard: g.Key, Items: c))))
            {
                reset += await ResetChunkAsync(jobId, group.Shard, group.Items, cancellationToken);
            }
        }
    }

    private async Task<int> ResetChunkAsync(string jobId, int shard, JobItem[] items, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            TableEntity shardRow = await GetShardAsync(jobId, shard, cancellationToken);
            Dictionary<string, TableEntity> rows = await ReadItemsAsync(jobId, shard, items.Select(i => i.Key), cancellationToken);
            var failed = rows.Values.Where(r => r.GetString("status") == "failed").ToList();
            if (failed.Count == 0)
            {
                return 0;
            }

            var actions = failed.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(jobId, r.RowKey)
            {
                ["status"] = "pending",
                ["attempts"] = 0,
                ["updatedAt"] = time.GetUtcNow().ToUnixTimeMilliseconds(),
            }, r.ETag)).ToList();
            actions.Add(ShardUpdate(jobId, shard, shardRow, failed: Math.Max(0, Count(shardRow, "failed") - failed.Count)));
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return failed.Count;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 && attempt < MaxAttempts)
            {
                await BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    private async Task<TableEntity> GetShardAsync(string jobId, int shard, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> row = await _table.GetEntityIfExistsAsync<TableEntity>(jobId, ShardKey(shard), cancellationToken: cancellationToken);
        if (row.HasValue)
        {
            return row.Value!;
        }

        // A job whose shards were never initialized (listing ran before start) counts as running.
        await InitializeAsync(jobId, JobControl.Running, cancellationToken);
        return (await _table.GetEntityAsync<TableEntity>(jobId, ShardKey(shard), cancellationToken: cancellationToken)).Value;
    }

    /// <summary>The rows of some keys of one shard: one range query between the smallest and largest key.</summary>
    private async Task<Dictionary<string, TableEntity>> ReadItemsAsync(string jobId, int shard, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.Select(ItemKey).ToHashSet(StringComparer.Ordinal);
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return rows;
        }

        string min = wanted.Min(StringComparer.Ordinal)!, max = wanted.Max(StringComparer.Ordinal)!;
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {jobId} and RowKey ge {min} and RowKey le {max} and shard eq {shard}");
        await foreach (TableEntity row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (wanted.Contains(row.RowKey))
            {
                rows[row.GetString("key")] = row;
            }
        }

        return rows;
    }

    private static TableTransactionAction ShardUpdate(string jobId, int shard, TableEntity current, long? total = null, long? running = null, long? failed = null)
    {
        var row = new TableEntity(jobId, ShardKey(shard));
        if (total is not null)
        {
            row["total"] = total.Value;
        }

        if (running is not null)
        {
            row["running"] = running.Value;
        }

        if (failed is not null)
        {
            row["failed"] = failed.Value;
        }

        if (total is null && running is null && failed is null)
        {
            row["control"] = current.GetString("control") ?? "running";
        }

        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, row, current.ETag);
    }

    private static JobItem ToItem(TableEntity row) => new(
        row.GetString("key"),
        row.GetInt32("shard") ?? 0,
        row.GetString("status") switch { "running" => JobItemStatus.Running, "done" => JobItemStatus.Done, "failed" => JobItemStatus.Failed, _ => JobItemStatus.Pending },
        row.GetInt32("attempts") ?? 0,
        row.GetString("lastError"),
        row.GetString("payload"));

    private static long Count(TableEntity row, string name) => row.GetInt64(name) ?? 0;

    private static string ShardsFilter(string jobId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {jobId} and RowKey ge {ShardPrefix} and RowKey lt {ShardEnd}");

    private static string ItemKey(string key) => ItemPrefix + TableKey.Encode(key);

    private static string ShardKey(int shard) => ShardPrefix + shard.ToString("00", CultureInfo.InvariantCulture);

    private static string Wire(JobControl control) => control.ToString().ToLowerInvariant();

    private static string Wire(JobItemStatus status) => status.ToString().ToLowerInvariant();

    private static JobControl ParseControl(string? text) => text switch
    {
        "paused" => JobControl.Paused,
        "cancelled" => JobControl.Cancelled,
        _ => JobControl.Running,
    };

    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(Random.Shared.Next(2, 10 + 10 * Math.Min(attempt, 10)), cancellationToken);

    /// <summary>The shard and item ETags after a start, so the completion can commit without reading again.</summary>
    private sealed record ShardSnapshot(ETag ShardETag, long Total, long Running, long Done, long Failed, IReadOnlyDictionary<string, ETag> ItemETags);
}
