using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SidFlow.Core.Jobs;

/// <summary>
/// The standalone trigger path: polls the work queues (highest priority first), hands each message to
/// <see cref="WorkMessageProcessor"/>, keeps it hidden while it runs, and deletes, delays or poisons it
/// by the outcome. Storage errors are logged and retried; they never stop the loop.
/// </summary>
public sealed class QueueWorker(IWorkQueue queue, WorkMessageProcessor processor, JobSignals signals, IOptions<JobOptions> options, ILogger<QueueWorker> logger)
{
    private static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(25);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        JobOptions o = options.Value;
        var inflight = new HashSet<Task>();
        TimeSpan idle = BusyPoll;
        TimeSpan errorDelay = TimeSpan.FromMilliseconds(200);
        while (!cancellationToken.IsCancellationRequested)
        {
            inflight.RemoveWhere(t => t.IsCompleted);
            int free = o.MessageConcurrency - inflight.Count;
            if (free <= 0)
            {
                await Task.WhenAny(inflight);
                continue;
            }

            IReadOnlyList<ReceivedMessage> received = [];
            try
            {
                foreach (int priority in JobPriority.Levels)
                {
                    received = await queue.ReceiveAsync(priority, Math.Min(32, free), o.VisibilityTimeout, cancellationToken);
                    if (received.Count > 0)
                    {
                        break;
                    }
                }

                errorDelay = TimeSpan.FromMilliseconds(200);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Work queues not reachable ({Message}); retrying in {Delay}", ex.Message, errorDelay);
                await Delay(errorDelay, cancellationToken);
                errorDelay = TimeSpan.FromTicks(Math.Min(errorDelay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
                continue;
            }

            if (received.Count == 0)
            {
                Task wake = signals.WaitForWorkAsync(idle, cancellationToken);
                await (inflight.Count > 0 ? Task.WhenAny(wake, Task.WhenAny(inflight)) : wake).ContinueWith(_ => { }, TaskScheduler.Default);
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, o.WorkerIdlePoll.Ticks));
                continue;
            }

            idle = BusyPoll;
            foreach (ReceivedMessage message in received)
            {
                inflight.Add(HandleAsync(message, cancellationToken));
            }
        }

        await Task.WhenAll(inflight).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        JobOptions o = options.Value;
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ReceivedMessage current = message;
        Task renewal = Task.Run(async () =>
        {
            // Keep the message hidden while its items run, so no other worker takes it meanwhile.
            while (!renewing.IsCancellationRequested)
            {
                await Delay(o.VisibilityTimeout / 2, renewing.Token);
                if (renewing.IsCancellationRequested)
                {
                    break;
                }

                try
                {
                    current = await queue.ExtendAsync(current, o.VisibilityTimeout, renewing.Token);
                }
                catch (Exception ex) when (!renewing.IsCancellationRequested)
                {
                    logger.LogDebug("Could not extend message {Id}: {Message}", message.MessageId, ex.Message);
                }
            }
        }, CancellationToken.None);

        MessageOutcome outcome;
        try
        {
            outcome = await processor.ProcessAsync(message.Text, message.DequeueCount, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Infrastructure trouble (storage down): the message comes back and is tried again.
            logger.LogWarning("Message {Id} of priority {Priority} not processed: {Message}", message.MessageId, message.Priority, ex.Message);
            outcome = new MessageOutcome(MessageDisposition.Retry, ex.Message, o.BackoffFor(message.DequeueCount));
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }

        try
        {
            switch (outcome.Disposition)
            {
                case MessageDisposition.Complete:
                    await queue.DeleteAsync(current, cancellationToken);
                    break;
                case MessageDisposition.Retry:
                    await queue.ExtendAsync(current, outcome.Delay, cancellationToken);
                    break;
                case MessageDisposition.Poison:
                    logger.LogWarning("Message {Id} to the poison queue: {Reason}", message.MessageId, outcome.Reason);
                    await queue.PoisonAsync(current, outcome.Reason, cancellationToken);
                    break;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The message becomes visible again; its finished items are skipped next time.
            logger.LogWarning("Message {Id} not settled ({Outcome}): {Message}", message.MessageId, outcome.Disposition, ex.Message);
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
