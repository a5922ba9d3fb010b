using Microsoft.Extensions.Hosting;
using SidFlow.Api.Composition;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SidFlow.Core.Jobs;
using SidFlow.Core.Render;
using SidFlow.EdgeAgent.Device;
using SidFlow.EdgeAgent.Rendering;

namespace SidFlow.EdgeAgent.Hosting;

/// <summary>
/// Takes hardware renders off the queue, at most <c>maxConcurrent</c> at a time, renders each within
/// <c>render.ultimate64.timeout</c> and answers it. A request stays invisible while it is worked on (its
/// visibility is extended) and reappears if the agent dies; one that was already answered, has expired
/// (the server stopped waiting) or keeps coming back is answered without touching the device.
/// </summary>
public sealed class HardwareRenderWorker(
    IHardwareRenderInbox inbox,
    Ultimate64Renderer renderer,
    AgentActivity activity,
    StorageReadiness storage,
    IOptions<RenderOptions> options,
    TimeProvider time,
    ILogger<HardwareRenderWorker> logger) : BackgroundService
{
    public const int MaxDeliveries = 3;
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Extension = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int slots = Math.Max(1, options.Value.Ultimate64.MaxConcurrent);
        using var free = new SemaphoreSlim(slots, slots);
        var running = new List<Task>();
        await storage.Ready.WaitAsync(stoppingToken);
        logger.AgentStarted(activity.Name, slots);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await free.WaitAsync(stoppingToken);
                ReceivedHardwareRender? received;
                try
                {
                    received = await inbox.ReceiveAsync(Visibility, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    free.Release();
                    logger.QueueUnreadable(ex);
                    await Task.Delay(ErrorBackoff, stoppingToken);
                    continue;
                }

                if (received is null)
                {
                    free.Release();
                    await Task.Delay(IdlePoll, stoppingToken);
                    continue;
                }

                running.RemoveAll(t => t.IsCompleted);
                running.Add(HandleAsync(received, free, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: requests in flight stop, stay unanswered and reappear on the queue.
        }

        await Task.WhenAll(running);
    }

    private async Task HandleAsync(ReceivedHardwareRender received, SemaphoreSlim free, CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Task<string> keepHidden = KeepHiddenAsync(received, done.Token);
        async Task<string> LatestReceiptAsync()
        {
            await done.CancelAsync();
            return await keepHidden;
        }

        try
        {
            HardwareRenderResult? answer = null;
            if (received.Request is null)
            {
                // Nobody waits for a request without an id, so there is nothing to answer: only the message goes.
                logger.RequestUnreadable(received.MessageId, received.Unreadable!);
            }
            else
            {
                answer = await DecideAsync(received.Request, received.DequeueCount, stoppingToken);
            }

            string receipt = await LatestReceiptAsync();
            if (answer is not null)
            {
                await inbox.AnswerAsync(answer, CancellationToken.None);
            }

            await inbox.RemoveAsync(received, receipt, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.AnswerFailed(ex, received.MessageId);
        }
        catch (OperationCanceledException)
        {
            logger.RenderInterrupted(received.Request?.RequestId ?? received.MessageId);
        }
        finally
        {
            await done.CancelAsync();
            free.Release();
        }
    }

    /// <summary>The answer to give, or null when it was answered before (a repeated delivery after a crash).</summary>
    private async Task<HardwareRenderResult?> DecideAsync(HardwareRenderRequest request, long deliveries, CancellationToken stoppingToken)
    {
        if (await inbox.IsAnsweredAsync(request.RequestId, stoppingToken))
        {
            return null;
        }

        TimeSpan timeout = TimeSpan.FromMilliseconds(options.Value.Ultimate64.Timeout);
        if (DateTimeOffset.FromUnixTimeMilliseconds(request.RequestedAt) + timeout < time.GetUtcNow())
        {
            return Failed(request, $"expired: requested at {DateTimeOffset.FromUnixTimeMilliseconds(request.RequestedAt):u}, the server waits {timeout.TotalSeconds:0} s", retryable: false);
        }

        if (deliveries > MaxDeliveries)
        {
            return Failed(request, $"given up after {MaxDeliveries} deliveries (an agent stopped while rendering it each time)", retryable: false);
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bounded.CancelAfter(timeout);
        try
        {
            HardwareRenderOutcome outcome = await renderer.RenderAsync(request, bounded.Token);
            activity.Succeeded();
            logger.Rendered(request.RequestId, request.SidPath, request.Subtune, outcome.Capture.LossRatio, outcome.Attempts);
            return new HardwareRenderResult(request.RequestId, HardwareRenderResult.Done, null, Now)
            {
                ReplyTo = request.ReplyTo,
                PacketLoss = outcome.Capture.LossRatio,
                Attempts = outcome.Attempts,
                Agent = activity.Name,
            };
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return Failed(request, $"the render did not finish within render.ultimate64.timeout ({timeout.TotalSeconds:0} s)", retryable: true);
        }
        catch (Ultimate64Exception ex)
        {
            // A wrong password or a refused file will be refused again; a lost stream or an unreachable device may not.
            return Failed(request, ex.Message, ex.Failure is Ultimate64Failure.Unreachable or Ultimate64Failure.Stream, ex.Attempts, ex.PacketLoss);
        }
        catch (Exception ex) when (ex is PermanentItemFailureException or ToolMissingException)
        {
            return Failed(request, ex.Message, retryable: false);
        }
        catch (Exception ex) when (ex is RenderException or IOException)
        {
            return Failed(request, ex.Message, retryable: true);
        }
    }

    private HardwareRenderResult Failed(HardwareRenderRequest request, string error, bool retryable, int attempts = 0, double? loss = null)
    {
        activity.FailedOne();
        logger.RenderFailed(request.RequestId, request.SidPath, request.Subtune, error);
        return new HardwareRenderResult(request.RequestId, HardwareRenderResult.Failed, error, Now)
        {
            ReplyTo = request.ReplyTo,
            Retryable = retryable,
            Attempts = attempts,
            PacketLoss = loss,
            Agent = activity.Name,
        };
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Extends the request's invisibility until <paramref name="done"/>; returns the latest receipt.</summary>
    private async Task<string> KeepHiddenAsync(ReceivedHardwareRender received, CancellationToken done)
    {
        string receipt = received.Receipt;
        while (true)
        {
            try
            {
                await Task.Delay(Extension, done);
                // Not cancelled halfway: a lost new receipt would leave the message impossible to remove.
                receipt = await inbox.ExtendAsync(received, receipt, Visibility, CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return receipt;
            }
            catch (Exception ex)
            {
                logger.ExtendFailed(ex, received.MessageId);
            }
        }
    }
}
