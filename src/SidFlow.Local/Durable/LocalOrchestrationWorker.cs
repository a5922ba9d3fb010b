using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SidFlow.Api.Composition;
using SidFlow.Pipeline.Activities;
using SidFlow.Pipeline.Orchestration;

namespace SidFlow.Local.Durable;

/// <summary>
/// Runs SidFlow's orchestrations and activities in this process on the Durable Task Framework
/// (<see cref="TaskHubWorker"/> over the Azure Storage provider), adapted from <c>Microsoft.DurableTask</c>
/// by <see cref="DurableTaskShimFactory"/> as the Functions worker adapts them. It starts once storage is
/// reachable and keeps trying until it is.
/// </summary>
public sealed class LocalOrchestrationWorker(
    LocalTaskHub hub,
    IServiceScopeFactory scopes,
    StorageReadiness storage,
    ILoggerFactory loggers,
    ILogger<LocalOrchestrationWorker> logger) : BackgroundService
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);
    private readonly CancellationTokenSource _stopping = new();
    private TaskHubWorker? _worker;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        TimeSpan delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await hub.Service.CreateIfNotExistsAsync().WaitAsync(stoppingToken);
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.TaskHubUnavailable(ex, hub.Settings.TaskHubName, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }

        var worker = new TaskHubWorker(hub.Service, loggers);
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggers);
        AddOrchestration(worker, shims, OrchestrationNames.JobOrchestration, () => new JobOrchestrator());
        AddOrchestration(worker, shims, OrchestrationNames.PipelineOrchestration, () => new PipelineOrchestrator());
        AddActivity<JobRunRef, JobRunStart>(worker, shims, OrchestrationNames.BeginJobRun, (sp, input, ct) => sp.GetRequiredService<JobRunStarter>().BeginAsync(input, ct));
        AddActivity<JobBatch, JobBatchResult>(worker, shims, OrchestrationNames.RunJobItems, (sp, input, ct) => sp.GetRequiredService<JobItemRunner>().RunAsync(input, ct));
        AddActivity<JobProgressReport, bool>(worker, shims, OrchestrationNames.ReportJobProgress, async (sp, input, ct) =>
        {
            await sp.GetRequiredService<JobRunRecorder>().ReportProgressAsync(input, ct);
            return true;
        });
        AddActivity<JobRunTotals, bool>(worker, shims, OrchestrationNames.FinalizeJob, async (sp, input, ct) =>
        {
            await sp.GetRequiredService<JobRunRecorder>().FinalizeAsync(input, ct);
            return true;
        });
        AddActivity<JobRunCompletion, JobRunOutcome>(worker, shims, OrchestrationNames.CompleteJobRun, (sp, input, ct) => sp.GetRequiredService<JobRunRecorder>().CompleteAsync(input, ct));
        AddActivity<JobRunRef, PipelineStart>(worker, shims, OrchestrationNames.BeginPipelineRun, (sp, input, ct) => sp.GetRequiredService<PipelineStages>().BeginAsync(input, ct));
        AddActivity<PipelineStageRef, PipelineStageStart>(worker, shims, OrchestrationNames.StartPipelineStage, (sp, input, ct) => sp.GetRequiredService<PipelineStages>().StartStageAsync(input, ct));
        await worker.StartAsync().WaitAsync(stoppingToken);
        _worker = worker;
        logger.DurableWorkerStarted(hub.Settings.TaskHubName, hub.Settings.WorkerId);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_worker is { } worker)
        {
            try
            {
                await worker.StopAsync(isForced: false).WaitAsync(StopGrace, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                logger.DurableWorkerForcedStop(ex);
                await worker.StopAsync(isForced: true);
            }
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    private static void AddOrchestration(TaskHubWorker worker, DurableTaskShimFactory shims, string name, Func<ITaskOrchestrator> create) =>
        worker.AddTaskOrchestrations(new Creator<TaskOrchestration>(name, () => shims.CreateOrchestration(new TaskName(name), create())));

    private void AddActivity<TInput, TOutput>(TaskHubWorker worker, DurableTaskShimFactory shims, string name, Func<IServiceProvider, TInput, CancellationToken, Task<TOutput>> run) =>
        worker.AddTaskActivities(new Creator<TaskActivity>(name, () => shims.CreateActivity(new TaskName(name), new ServiceActivity<TInput, TOutput>(scopes, run, _stopping.Token))));

    /// <summary>A new shim per episode: the shims keep the state of one execution.</summary>
    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }
}
