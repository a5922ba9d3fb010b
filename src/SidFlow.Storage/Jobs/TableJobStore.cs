using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using SidFlow.Core.Jobs;

namespace SidFlow.Storage.Jobs;

/// <summary>The <c>jobs</c> table: one partition, one row per job, ETag-conditional replaces.</summary>
public sealed class TableJobStore(StorageClients storage) : IJobStore
{
    private const string Partition = "job";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = storage.Table(storage.Names.JobsTable);

    public async Task<JobRecord> InsertAsync(JobRecord job, CancellationToken cancellationToken)
    {
        TableEntity entity = ToEntity(job);
        try
        {
            Response response = await _table.AddEntityAsync(entity, cancellationToken);
            return job with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new JobAlreadyExistsException(job.Id);
        }
    }

    public async Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<JobRecord>> ListAsync(IReadOnlyCollection<JobStatus>? statuses, string? type, CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        if (statuses is { Count: > 0 })
        {
            filter += " and (" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"status eq {s.ToWire()}"))) + ")";
        }

        if (type is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"type eq {type.ToLowerInvariant()}");
        }

        var jobs = new List<JobRecord>();
        await foreach (TableEntity row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            jobs.Add(FromEntity(row));
        }

        return jobs;
    }

    public async Task<JobRecord> ReplaceAsync(JobRecord job, CancellationToken cancellationToken)
    {
        try
        {
            Response response = await _table.UpdateEntityAsync(ToEntity(job), new ETag(job.ETag ?? throw new InvalidOperationException("job has no ETag")),
                TableUpdateMode.Replace, cancellationToken);
            return job with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            throw new JobConcurrencyException(job.Id);
        }
    }

    private static TableEntity ToEntity(JobRecord job) => new(Partition, job.Id)
    {
        ["type"] = job.Type,
        ["status"] = job.Status.ToWire(),
        ["priority"] = job.Priority,
        ["createdAt"] = job.CreatedAt,
        ["startedAt"] = job.StartedAt,
        ["completedAt"] = job.CompletedAt,
        ["config"] = job.Config.ToJsonString(),
        ["progress"] = JsonSerializer.Serialize(job.Metadata.Progress, Json),
        ["error"] = job.Metadata.Error is { Length: > 16_000 } e ? e[..16_000] : job.Metadata.Error,
        ["result"] = job.Metadata.Result?.ToJsonString(),
        ["parentId"] = job.ParentId,
        ["createdBy"] = job.CreatedBy,
        ["orchestration"] = JsonSerializer.Serialize(job.Orchestration, Json),
    };

    private static JobRecord FromEntity(TableEntity row)
    {
        JobStatusExtensions.TryParseWire(row.GetString("status"), out JobStatus status);
        return new JobRecord
        {
            Id = row.RowKey,
            Type = row.GetString("type"),
            Status = status,
            Priority = row.GetInt32("priority") ?? JobPriority.Normal,
            CreatedAt = row.GetInt64("createdAt") ?? 0,
            StartedAt = row.GetInt64("startedAt"),
            CompletedAt = row.GetInt64("completedAt"),
            Config = JsonNode.Parse(row.GetString("config") ?? "{}") as JsonObject ?? [],
            Metadata = new JobMetadata
            {
                Progress = JsonSerializer.Deserialize<JobProgress>(row.GetString("progress") ?? "{}", Json) ?? new JobProgress(),
                Error = row.GetString("error"),
                Result = row.GetString("result") is { } result ? JsonNode.Parse(result) as JsonObject : null,
            },
            ParentId = row.GetString("parentId"),
            CreatedBy = row.GetString("createdBy"),
            Orchestration = JsonSerializer.Deserialize<JobRunState>(row.GetString("orchestration") ?? "{}", Json) ?? new JobRunState(),
            ETag = row.ETag.ToString(),
        };
    }
}
