using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SidFlow.Core.Classification;
using SidFlow.Core.Render;

namespace SidFlow.Storage.Classification;

/// <summary>The <c>classified</c> table: partition = SID path, row = subtune; features as compact JSON.</summary>
public sealed class TableClassificationStore(StorageClients storage) : IClassificationStore
{
    private readonly TableClient _table = storage.Table(storage.Names.ClassifiedTable);

    public async Task<ClassificationRecord?> GetAsync(string path, int subtune, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKey.Encode(path), RowKey(subtune), cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task UpsertAsync(ClassificationRecord record, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken);

    public Task UpsertManyAsync(IReadOnlyCollection<ClassificationRecord> records, CancellationToken cancellationToken) =>
        TableBatches.SubmitAsync(_table, records.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(r))), cancellationToken);

    public async IAsyncEnumerable<ClassificationRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (TableEntity row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            yield return FromEntity(row);
        }
    }

    public async Task<IReadOnlyDictionary<string, ClassificationStamp>> GetStampsAsync(CancellationToken cancellationToken)
    {
        var stamps = new Dictionary<string, ClassificationStamp>(StringComparer.Ordinal);
        await foreach (TableEntity row in _table.QueryAsync<TableEntity>(select: ["path", "subtune", "md5", "featureSetVersion", "renderer"], cancellationToken: cancellationToken))
        {
            stamps[SongKey.Format(row.GetString("path"), row.GetInt32("subtune") ?? 1)] =
                new ClassificationStamp(row.GetString("md5") ?? string.Empty, row.GetString("featureSetVersion") ?? string.Empty, row.GetString("renderer") ?? string.Empty);
        }

        return stamps;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (TableEntity _ in _table.QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    public async Task<long> DeleteAsync(string sidPath, CancellationToken cancellationToken)
    {
        string folder = sidPath.TrimEnd('/') + "/";
        var doomed = new List<TableTransactionAction>();
        await foreach (TableEntity row in _table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "path"], cancellationToken: cancellationToken))
        {
            string path = row.GetString("path") ?? string.Empty;
            if (sidPath.Length == 0 || path == sidPath || path.StartsWith(folder, StringComparison.Ordinal))
            {
                doomed.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey), ETag.All));
            }
        }

        await TableBatches.SubmitAsync(_table, doomed, cancellationToken);
        return doomed.Count;
    }

    private static string RowKey(int subtune) => subtune.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(ClassificationRecord r) => new(TableKey.Encode(r.Path), RowKey(r.Subtune))
    {
        ["path"] = r.Path,
        ["subtune"] = r.Subtune,
        ["md5"] = r.Md5,
        ["featureSetVersion"] = r.FeatureSetVersion,
        ["features"] = JsonSerializer.Serialize(r.Features.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 6))),
        ["renderer"] = r.Renderer,
        ["analysisOffset"] = r.AnalysisOffset,
        ["analysisDuration"] = r.AnalysisDuration,
        ["lengthSource"] = r.LengthSource,
        ["author"] = r.Author,
        ["title"] = r.Title,
        ["classifiedAt"] = r.ClassifiedAt,
        ["e"] = r.Ratings?.E,
        ["m"] = r.Ratings?.M,
        ["c"] = r.Ratings?.C,
        ["ratingSource"] = r.RatingSource,
        ["modelVersion"] = r.ModelVersion,
        ["ratedAt"] = r.RatedAt,
    };

    private static ClassificationRecord FromEntity(TableEntity t)
    {
        double? e = t.GetDouble("e"), m = t.GetDouble("m"), c = t.GetDouble("c");
        return new ClassificationRecord
        {
            Path = t.GetString("path"),
            Subtune = t.GetInt32("subtune") ?? 1,
            Md5 = t.GetString("md5") ?? string.Empty,
            FeatureSetVersion = t.GetString("featureSetVersion") ?? string.Empty,
            Features = JsonSerializer.Deserialize<Dictionary<string, double>>(t.GetString("features") ?? "{}") ?? [],
            Renderer = t.GetString("renderer") ?? string.Empty,
            AnalysisOffset = t.GetDouble("analysisOffset") ?? 0,
            AnalysisDuration = t.GetDouble("analysisDuration") ?? 0,
            LengthSource = t.GetString("lengthSource") ?? "default",
            Author = t.GetString("author"),
            Title = t.GetString("title"),
            ClassifiedAt = t.GetDateTimeOffset("classifiedAt") ?? DateTimeOffset.MinValue,
            Ratings = e is null || m is null || c is null ? null : new Ratings(e.Value, m.Value, c.Value),
            RatingSource = t.GetString("ratingSource"),
            ModelVersion = t.GetString("modelVersion"),
            RatedAt = t.GetDateTimeOffset("ratedAt"),
        };
    }
}
