using Microsoft.Extensions.Logging;
using SidFlow.Core.Render;

namespace SidFlow.Pipeline.Jobs;

/// <summary>
/// Raises the edge agents' answers on the orchestrations waiting for them: the agent talks only to storage, so
/// its answers come through <c>render-u64-answers</c> and this turns each into the external event its run waits
/// for. The local host drains the queue on a short timer; Azure Functions calls <see cref="RelayAsync"/> from a
/// queue trigger. An answer is removed only once raised, so a crash relays it again (the run takes the first).
/// </summary>
public sealed class HardwareAnswerRelay(IHardwareRenderQueue queue, IJobOrchestrations orchestrations, ILogger<HardwareAnswerRelay> logger)
{
    private const int BatchSize = 32;

    /// <summary>Relays every answer waiting now; returns how many were raised.</summary>
    public async Task<int> RelayWaitingAsync(CancellationToken cancellationToken)
    {
        int raised = 0;
        while (true)
        {
            IReadOnlyList<ReceivedHardwareAnswer> answers = await queue.ReceiveAnswersAsync(BatchSize, cancellationToken);
            foreach (ReceivedHardwareAnswer received in answers)
            {
                if (received.Answer is { } answer && await RelayAsync(answer, cancellationToken))
                {
                    raised++;
                }

                await queue.RemoveAnswerAsync(received, cancellationToken);
            }

            if (answers.Count < BatchSize)
            {
                return raised;
            }
        }
    }

    /// <summary>Raises one answer on its run; false when it names no run (it is dropped with a log line).</summary>
    public async Task<bool> RelayAsync(HardwareRenderResult answer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(answer.ReplyTo))
        {
            logger.AnswerWithoutRun(answer.RequestId);
            return false;
        }

        await orchestrations.RaiseEventAsync(answer.ReplyTo, HardwareRenderRequest.AnswerEventOf(answer.RequestId), answer.ToItemAnswer(), cancellationToken);
        logger.AnswerRelayed(answer.RequestId, answer.ReplyTo, answer.Status);
        return true;
    }
}
