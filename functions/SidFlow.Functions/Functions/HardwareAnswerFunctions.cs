using SidFlow.Core.Render;
using SidFlow.Functions.Hosting;
using SidFlow.Pipeline.Jobs;
using SidFlow.Storage.Render;

namespace SidFlow.Functions.Functions;

/// <summary>
/// The edge agents' answers, raised on the job runs waiting for them. The queue has no prefix here: in Azure one
/// app owns its storage account. A failure throws, so the host retries the message and finally parks it in
/// <c>render-u64-answers-poison</c>.
/// </summary>
public sealed class HardwareAnswerFunctions(DurableClientScope durable, ILogger<HardwareAnswerFunctions> logger)
{
    public const string AnswersQueue = "render-u64-answers";

    [Function("HardwareRenderAnswer")]
    public Task Relay([QueueTrigger(AnswersQueue)] string message, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        if (QueueHardwareRenderQueue.Read(BinaryData.FromString(message)) is not { } answer)
        {
            logger.UnreadableHardwareAnswer(message.Length);
            return Task.CompletedTask;
        }

        durable.Use(client);
        return durable.Services.GetRequiredService<HardwareAnswerRelay>().RelayAsync(answer, context.CancellationToken);
    }
}
