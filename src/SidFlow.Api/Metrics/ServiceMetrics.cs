using Prometheus;
using SidFlow.Core.Jobs;
using SidFlow.Core.Models;

namespace SidFlow.Api.Metrics;

/// <summary>
/// <c>GET /api/metrics</c> in Prometheus' text format (prometheus-net). Each app has its own registry, so two apps
/// in one process (tests) count apart. HTTP requests are counted as they are served, by handler name (the
/// endpoint name locally, the function name in Azure: the same); the state of jobs, cache, sync and the model
/// is read from the same sections as <c>/api/admin/metrics</c> when scraped.
/// </summary>
public sealed class ServiceMetrics
{
    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly Counter _requests;
    private readonly Histogram _requestSeconds;
    private readonly Gauge _jobsPending, _jobs, _jobDurationAvg, _jobDurationTotal;
    private readonly Gauge _cacheBytes, _wavCacheBytes, _assets, _classified, _oldestAsset, _syncAge, _sidCount;
    private readonly Counter _predictions, _predictionErrors;
    private readonly Gauge _predictionLatency, _modelLoadError, _alertsFiring;

    public ServiceMetrics()
    {
        MetricFactory f = Prometheus.Metrics.WithCustomRegistry(_registry);
        _requests = f.CreateCounter("sidflow_http_requests_total", "HTTP requests served", "method", "handler", "status");
        _requestSeconds = f.CreateHistogram("sidflow_http_request_duration_seconds", "HTTP request duration", new HistogramConfiguration { LabelNames = ["handler"], Buckets = LatencyBuckets });
        _jobsPending = f.CreateGauge("sidflow_jobs_pending", "Pending jobs in queue");
        _jobs = f.CreateGauge("sidflow_jobs", "Jobs by status", "status");
        _jobDurationAvg = f.CreateGauge("sidflow_job_duration_avg_seconds", "Average duration of completed jobs");
        _jobDurationTotal = f.CreateGauge("sidflow_jobs_completed_duration_seconds", "Total duration of the completed jobs on record");
        _cacheBytes = f.CreateGauge("sidflow_render_cache_bytes", "Bytes of every rendered asset");
        _wavCacheBytes = f.CreateGauge("sidflow_cache_size_bytes", "WAV cache size in bytes");
        _assets = f.CreateGauge("sidflow_render_assets", "Rendered assets by format", "format");
        _classified = f.CreateGauge("sidflow_classified_songs", "Songs classified");
        _oldestAsset = f.CreateGauge("sidflow_render_oldest_asset_age_seconds", "Age of the oldest rendered asset (0 without assets)");
        _syncAge = f.CreateGauge("sidflow_sync_age_seconds", "Time since HVSC was last synchronised (-1 before the first)");
        _sidCount = f.CreateGauge("sidflow_sid_files", "SID files of the installed HVSC release");
        _predictions = f.CreateCounter("sidflow_model_predictions_total", "Predictions of the production model in this instance");
        _predictionErrors = f.CreateCounter("sidflow_model_prediction_errors_total", "Failed predictions in this instance");
        _predictionLatency = f.CreateGauge("sidflow_model_prediction_latency_seconds", "Prediction latency of the production model in this instance", "statistic");
        _modelLoadError = f.CreateGauge("sidflow_model_load_error", "1 while the published model cannot be loaded (ratings fall back to the heuristic)");
        _alertsFiring = f.CreateGauge("sidflow_alerts_firing", "Alerts firing after this instance's latest evaluation, by component", "component");
    }

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly string[] AlertComponents = ["playback", "jobs", "cache", "system", "model", "health"];

    public void ObserveRequest(string method, string? handler, int status, TimeSpan duration)
    {
        string name = handler ?? "unmatched";
        _requests.WithLabels(method, name, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        _requestSeconds.WithLabels(name).Observe(duration.TotalSeconds);
    }

    /// <summary>Sets the gauges from the sections' current values, then writes the exposition.</summary>
    public async Task WriteAsync(Stream output, JobStatistics jobs, CacheMetrics cache, SyncMetrics sync, ModelMonitor model, IReadOnlyDictionary<string, int> alerts, CancellationToken cancellationToken)
    {
        _jobsPending.Set(jobs.Pending);
        foreach ((string status, long count) in new[] { ("pending", jobs.Pending), ("running", jobs.Running), ("paused", jobs.Paused), ("completed", jobs.Completed), ("failed", jobs.Failed), ("cancelled", jobs.Cancelled) })
        {
            _jobs.WithLabels(status).Set(count);
        }

        _jobDurationAvg.Set(jobs.AvgDurationMs / 1000.0);
        _jobDurationTotal.Set(jobs.TotalDurationMs / 1000.0);
        _cacheBytes.Set(cache.Bytes);
        _wavCacheBytes.Set(cache.WavCacheSizeBytes);
        foreach ((string format, FormatCount count) in cache.ByFormat)
        {
            _assets.WithLabels(format).Set(count.Count);
        }

        _classified.Set(cache.Classified);
        _oldestAsset.Set((cache.OldestAssetAgeMs ?? 0) / 1000.0);
        _syncAge.Set(sync.SyncAgeMs is { } age ? age / 1000.0 : -1);
        _sidCount.Set(sync.SidCount);
        PredictionStatistics predictions = model.Snapshot();
        _predictions.IncTo(predictions.Total);
        _predictionErrors.IncTo(predictions.Errors);
        _predictionLatency.WithLabels("avg").Set(predictions.AvgLatency / 1000);
        _predictionLatency.WithLabels("p95").Set(predictions.P95Latency / 1000);
        _modelLoadError.Set(model.LoadError is null ? 0 : 1);
        foreach (string component in AlertComponents)
        {
            _alertsFiring.WithLabels(component).Set(alerts.GetValueOrDefault(component));
        }

        await _registry.CollectAndExportAsTextAsync(output, cancellationToken);
    }
}
