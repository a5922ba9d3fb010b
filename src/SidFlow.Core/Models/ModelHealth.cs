using System.Text.Json.Nodes;
using SidFlow.Core.Classification;
using SidFlow.Core.Feedback;
using SidFlow.Core.Operations;

namespace SidFlow.Core.Models;

/// <summary>
/// The production model as the guide monitors it: uptime, this instance's predictions, accuracy on the explicit
/// ratings that arrived after publishing (and its drift from the training's validation MAE), and the guide's
/// alert conditions. A condition that starts or stops holding is written to the audit trail (<c>model.alert</c>,
/// <c>model.alert.resolved</c>) once.
/// </summary>
public sealed class ModelHealth(IModelStore models, IRatingModelSource source, ModelMonitor monitor, IFeedbackStore feedback, IClassificationStore classified, IAuditLog audit, TimeProvider time)
{
    public const double MaxErrorRate = 0.01;
    public const double MaxAverageLatencyMs = 50;
    public const double MaxDrift = 0.1;
    private static readonly TimeSpan AccuracyRefresh = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly HashSet<string> _alerting = new(StringComparer.Ordinal);
    private (string Version, DateTimeOffset At, ModelAccuracy Accuracy)? _accuracy;

    public async Task<ModelMetricsReport> ReportAsync(CancellationToken cancellationToken)
    {
        (ModelManifest Manifest, string ETag)? published = await models.ReadManifestAsync(cancellationToken);
        IRatingModel? model = await source.GetActiveAsync(cancellationToken);
        PredictionStatistics predictions = monitor.Snapshot();
        if (published is null)
        {
            return new ModelMetricsReport(null, 0, predictions, null, "healthy", ["no model is published; ratings come from the heuristic"]);
        }

        ModelManifest manifest = published.Value.Manifest;
        ModelAccuracy? accuracy = model is null ? null : await AccuracyAsync(manifest, model, cancellationToken);
        var problems = new List<(string Condition, string Message, bool Unhealthy)>();
        if (monitor.LoadError is { } loadError)
        {
            problems.Add(("load", loadError, loadError.Contains("artifact", StringComparison.Ordinal)));
        }

        if (predictions.ErrorRate > MaxErrorRate)
        {
            problems.Add(("errorRate", $"prediction error rate {predictions.ErrorRate:P2} above {MaxErrorRate:P0}", false));
        }

        if (predictions.AvgLatency > MaxAverageLatencyMs)
        {
            problems.Add(("latency", $"average prediction latency {predictions.AvgLatency:0.#} ms above {MaxAverageLatencyMs} ms", false));
        }

        if (accuracy?.Drift > MaxDrift)
        {
            problems.Add(("drift", $"MAE drift {accuracy.Drift:0.###} above {MaxDrift} since publishing", false));
        }

        await AlertTransitionsAsync(manifest.ActiveVersion, problems, cancellationToken);
        string health = problems.Any(p => p.Unhealthy) ? "unhealthy" : problems.Count > 0 ? "degraded" : "healthy";
        long uptime = (long)(time.GetUtcNow() - manifest.PublishedAt).TotalMilliseconds;
        return new ModelMetricsReport(manifest.ActiveVersion, uptime, predictions, accuracy, health, problems.Select(p => p.Message).ToArray());
    }

    private async Task<ModelAccuracy> AccuracyAsync(ModelManifest manifest, IRatingModel model, CancellationToken cancellationToken)
    {
        if (_accuracy is { } cached && cached.Version == manifest.ActiveVersion && time.GetUtcNow() - cached.At < AccuracyRefresh)
        {
            return cached.Accuracy;
        }

        var pairs = new Dictionary<string, List<(double Predicted, double Actual)>>(StringComparer.Ordinal)
        {
            [RatingHeads.Energy] = [], [RatingHeads.Mood] = [], [RatingHeads.Complexity] = [],
        };
        var features = new Dictionary<string, ClassificationRecord?>(StringComparer.Ordinal);
        await foreach (FeedbackEvent e in feedback.ReadAsync(manifest.PublishedAt, cancellationToken))
        {
            if (e.Action != FeedbackAction.Rate || e.Ratings is not { } given)
            {
                continue;
            }

            if (!features.TryGetValue(e.SongKey, out ClassificationRecord? record))
            {
                record = await classified.GetAsync(e.SidPath, e.Subtune, cancellationToken);
                features[e.SongKey] = record;
            }

            if (record is null)
            {
                continue;
            }

            Ratings predicted = model.Predict(record.Features);
            Add(pairs[RatingHeads.Energy], predicted.E, given.E);
            Add(pairs[RatingHeads.Mood], predicted.M, given.M);
            Add(pairs[RatingHeads.Complexity], predicted.C, given.C);
        }

        RegressionMetrics live = RegressionMetrics.Mean(pairs.Values.Select(RegressionMetrics.Of));
        double trained = (await models.ReadMetadataAsync(manifest.ActiveVersion, cancellationToken))?.Metrics.ValidationMae ?? double.NaN;
        var accuracy = new ModelAccuracy(live.Count == 0 ? null : live.Mae, live.Count == 0 ? null : Math.Round(live.Mae - trained, 4), live.Count);
        _accuracy = (manifest.ActiveVersion, time.GetUtcNow(), accuracy);
        return accuracy;
    }

    private async Task AlertTransitionsAsync(string version, IReadOnlyList<(string Condition, string Message, bool Unhealthy)> problems, CancellationToken cancellationToken)
    {
        string[] raised, resolved;
        lock (_gate)
        {
            string[] now = problems.Select(p => p.Condition).ToArray();
            raised = now.Where(c => !_alerting.Contains(c)).ToArray();
            resolved = _alerting.Where(c => !now.Contains(c)).ToArray();
            _alerting.Clear();
            _alerting.UnionWith(now);
        }

        foreach (string condition in raised)
        {
            string message = problems.First(p => p.Condition == condition).Message;
            await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), "model.alert", "sidflow", new JsonObject { ["modelVersion"] = version, ["condition"] = condition, ["message"] = message }, true), cancellationToken);
        }

        foreach (string condition in resolved)
        {
            await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), "model.alert.resolved", "sidflow", new JsonObject { ["modelVersion"] = version, ["condition"] = condition }, true), cancellationToken);
        }
    }

    private static void Add(List<(double, double)> pairs, double predicted, int? actual)
    {
        if (actual is int a)
        {
            pairs.Add((predicted, a));
        }
    }
}

/// <summary>The guide's <c>/api/admin/model/metrics</c> answer.</summary>
public sealed record ModelMetricsReport(string? ActiveVersion, long Uptime, PredictionStatistics Predictions, ModelAccuracy? Accuracy, string Health, IReadOnlyList<string> Problems);

/// <param name="Mae">On explicit ratings received since publishing; null before any came.</param>
/// <param name="Drift">That MAE less the training's validation MAE.</param>
public sealed record ModelAccuracy(double? Mae, double? Drift, int Ratings);

/// <summary>The production model in <c>/api/health</c>: degraded (the service rates with the heuristic) while an alert condition holds.</summary>
public sealed class ModelHealthCheck(ModelHealth health) : IComponentCheck
{
    public const string CheckName = "model";

    public string Name => CheckName;

    public async Task<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        ModelMetricsReport report = await health.ReportAsync(cancellationToken);
        return new ComponentHealth(report.Health == "healthy" ? HealthStatus.Healthy : HealthStatus.Degraded,
            report.Problems.Count == 0 ? null : string.Join("; ", report.Problems),
            new Dictionary<string, object?> { ["activeVersion"] = report.ActiveVersion, ["health"] = report.Health });
    }
}
