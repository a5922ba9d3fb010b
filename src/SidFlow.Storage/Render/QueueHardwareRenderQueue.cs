using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using SidFlow.Core.Render;

namespace SidFlow.Storage.Render;

/// <summary>
/// Requests go on the <c>render-u64</c> queue as JSON; the edge agent writes its answer to
/// <c>state/u64/results/{requestId}.json</c>, where the server polls for it.
/// </summary>
public sealed class QueueHardwareRenderQueue(StorageClients storage) : IHardwareRenderQueue
{
    private readonly BlobContainerClient _state = storage.Container(storage.Names.StateContainer);

    public static string ResultBlob(string requestId) => $"u64/results/{requestId}.json";

    public async Task SendAsync(HardwareRenderRequest request, CancellationToken cancellationToken) =>
        await storage.Queue(storage.Names.RenderU64Queue).SendMessageAsync(JsonSerializer.Serialize(request), null, TimeSpan.FromDays(1), cancellationToken);

    public async Task<HardwareRenderResult?> ReadResultAsync(string requestId, CancellationToken cancellationToken)
    {
        try
        {
            BinaryData content = (await _state.GetBlobClient(ResultBlob(requestId)).DownloadContentAsync(cancellationToken)).Value.Content;
            return JsonSerializer.Deserialize<HardwareRenderResult>(content.ToStream());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
