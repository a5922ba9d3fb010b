using SidFlow.Api.Jobs;
using SidFlow.Api.Metrics;
using SidFlow.Api.Operations;
using SidFlow.Api.Render;
using SidFlow.Api.Security;
using SidFlow.Core.Catalog;
using SidFlow.Core.Jobs;
using SidFlow.Core.Models;
using SidFlow.Core.Operations;
using SidFlow.Core.Render;
using SidFlow.Functions.Hosting;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Functions.Functions;

/// <summary>The admin routes (the admin token is checked by the middleware): jobs, submissions, render, availability, audit, metrics.</summary>
[AdminOnly]
public sealed class AdminFunctions(DurableClientScope durable)
{
    [Function(nameof(JobsApi.ListJobs))]
    public Task<IResult> ListJobs([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/jobs")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        durable.RunAsync(client, sp => JobsApi.ListJobs(request.Text("status"), request.Text("type"), request.Text("sort"), sp.GetRequiredService<JobService>(), request.HttpContext.RequestAborted));

    [Function(nameof(JobsApi.GetJob))]
    public Task<IResult> GetJob([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/jobs/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        durable.RunAsync(client, sp => JobsApi.GetJob(id, sp.GetRequiredService<JobService>(), request.HttpContext.RequestAborted));

    [Function(nameof(JobsApi.SetJobPriority))]
    public Task<IResult> SetJobPriority([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/admin/jobs/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        durable.RunAsync(client, sp => JobsApi.SetJobPriority(id, request, sp.GetRequiredService<JobService>(), request.HttpContext.RequestAborted));

    [Function(nameof(JobsApi.PauseJob))]
    public Task<IResult> PauseJob([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/jobs/{id}/pause")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        durable.RunAsync(client, sp => JobsApi.PauseJob(id, sp.GetRequiredService<JobService>(), request.HttpContext.RequestAborted));

    [Function(nameof(JobsApi.ResumeJob))]
    public Task<IResult> ResumeJob([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/jobs/{id}/resume")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        durable.RunAsync(client, sp => JobsApi.ResumeJob(id, sp.GetRequiredService<JobService>(), request.HttpContext.RequestAborted));

    [Function(nameof(JobsApi.RetryJob))]
    public Task<IResult> RetryJob([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/jobs/{id}/retry")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        durable.RunAsync(client, sp => JobsApi.RetryJob(id, request, sp.GetRequiredService<JobService>(), request.HttpContext.RequestAborted));

    [Function(nameof(JobsApi.CancelJob))]
    public Task<IResult> CancelJob([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/admin/jobs/{id}")] HttpRequest request, string id, [DurableClient] DurableTaskClient client) =>
        durable.RunAsync(client, sp => JobsApi.CancelJob(id, request.Bool("terminate"), sp.GetRequiredService<JobService>(), request.HttpContext.RequestAborted));

    [Function(nameof(JobsApi.StreamJobLogs))]
    public async Task<IResult> StreamJobLogs([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/jobs/{id}/logs")] HttpRequest request, string id) =>
        await JobsApi.StreamJobLogs(id, request.Bool("full"), durable.Services.GetRequiredService<IJobStore>(), durable.Services.GetRequiredService<IJobLog>(), request.HttpContext.RequestAborted);

    [Function(nameof(JobSubmissionApi.StartFetch))]
    public Task<IResult> StartFetch([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/fetch")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        durable.RunAsync(client, sp => JobSubmissionApi.StartFetch(request, request.Int("priority"), sp.GetRequiredService<JobService>(), request.HttpContext.RequestAborted));

    [Function(nameof(JobSubmissionApi.StartClassify))]
    public Task<IResult> StartClassify([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/classify")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        durable.RunAsync(client, sp => JobSubmissionApi.StartClassify(request, request.Int("priority"), sp.GetRequiredService<JobService>(), request.HttpContext.RequestAborted));

    [Function(nameof(JobSubmissionApi.StartTrain))]
    public Task<IResult> StartTrain([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/train")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        durable.RunAsync(client, sp => JobSubmissionApi.StartTrain(request, request.Int("priority"), sp.GetRequiredService<JobService>(), request.HttpContext.RequestAborted));

    [Function(nameof(RenderApi.StartRender))]
    public Task<IResult> StartRender([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/render")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        durable.RunAsync(client, sp => RenderApi.StartRender(request, request.Int("priority"), sp.GetRequiredService<JobService>(), sp.GetRequiredService<RenderJobType>(), request.HttpContext.RequestAborted));

    [Function(nameof(RenderApi.CheckAvailability))]
    public async Task<IResult> CheckAvailability([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/availability/check")] HttpRequest request) =>
        await RenderApi.CheckAvailability(request, durable.Services.GetRequiredService<IAvailabilityStore>(), durable.Services.GetRequiredService<ICatalogStore>(), request.HttpContext.RequestAborted);

    [Function(nameof(RenderApi.InvalidateAvailability))]
    public async Task<IResult> InvalidateAvailability([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/availability/invalidate")] HttpRequest request) =>
        await RenderApi.InvalidateAvailability(request, durable.Services.GetRequiredService<RenderCache>(), request.HttpContext.RequestAborted);

    [Function(nameof(SidFlow.Api.Classification.ClassificationApi.ClearClassifications))]
    public async Task<IResult> ClearClassifications([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/admin/classifications")] HttpRequest request) =>
        await SidFlow.Api.Classification.ClassificationApi.ClearClassifications(request.Text("sidPath"), durable.Services.GetRequiredService<SidFlow.Core.Classification.IClassificationStore>(),
            durable.Services.GetRequiredService<SidFlow.Core.Classification.ISimilarityIndexSource>(), request.HttpContext.RequestAborted);

    [Function(nameof(BackupApi.StartBackup))]
    public async Task<IResult> StartBackup([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/backup")] HttpRequest request) =>
        await BackupApi.StartBackup(request, durable.Services.GetRequiredService<SidFlow.Core.Backup.BackupService>(), request.HttpContext.RequestAborted);

    [Function(nameof(AlertsApi.SendTestAlert))]
    public async Task<IResult> SendTestAlert([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/alerts/test")] HttpRequest request) =>
        await AlertsApi.SendTestAlert(request.HttpContext, durable.Services.GetRequiredService<SidFlow.Core.Alerts.AlertMonitor>(), request.HttpContext.RequestAborted);

    [Function(nameof(SecurityApi.GetSecurity))]
    public IResult GetSecurity([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/security")] HttpRequest request) =>
        SecurityApi.GetSecurity(request.HttpContext, durable.Services.GetRequiredService<AdminToken>(),
            durable.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>(),
            durable.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SidFlow.Core.Backup.BackupOptions>>(),
            durable.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SidFlow.Core.Alerts.AlertOptions>>(),
            durable.Services.GetServices<SidFlow.Core.Alerts.IAlertChannel>());

    [Function(nameof(AuditApi.GetAudit))]
    public async Task<IResult> GetAudit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/audit")] HttpRequest request) =>
        await AuditApi.GetAudit(request.Text("action"), request.Text("since"), request.Text("limit"), durable.Services.GetRequiredService<IAuditLog>(), request.HttpContext.RequestAborted);

    [Function(nameof(MetricsApi.GetPrometheusMetrics))]
    public async Task<IResult> GetPrometheusMetrics([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/metrics")] HttpRequest request) =>
        await MetricsApi.GetPrometheusMetrics(durable.Services.GetRequiredService<ServiceMetrics>(), durable.Services.GetServices<IMetricsSection>(),
            durable.Services.GetRequiredService<ModelMonitor>(), durable.Services.GetRequiredService<SidFlow.Core.Alerts.AlertMonitor>(), request.HttpContext.RequestAborted);

    [Function(nameof(MetricsApi.GetMetrics))]
    public async Task<IResult> GetMetrics([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/metrics")] HttpRequest request) =>
        await MetricsApi.GetMetrics(durable.Services.GetServices<IMetricsSection>(), request.HttpContext.RequestAborted);
}
