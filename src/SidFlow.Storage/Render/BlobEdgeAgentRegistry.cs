using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SidFlow.Core.Render;

namespace SidFlow.Storage.Render;

/// <summary>Heartbeats as <c>state/u64/agents/{agent}.json</c>, one blob per agent, overwritten each beat.</summary>
public sealed class BlobEdgeAgentRegistry(StorageClients storage) : IEdgeAgentRegistry
{
    private const string Prefix = "u64/agents/";
    private readonly BlobContainerClient _state = storage.Container(storage.Names.StateContainer);

    public async Task WriteAsync(EdgeAgentHeartbeat heartbeat, CancellationToken cancellationToken) =>
        await _state.GetBlobClient(Prefix + Uri.EscapeDataString(heartbeat.Agent) + ".json")
            .UploadAsync(BinaryData.FromObjectAsJson(heartbeat), overwrite: true, cancellationToken);

    public async Task<IReadOnlyList<EdgeAgentHeartbeat>> ListAsync(CancellationToken cancellationToken)
    {
        var beats = new List<EdgeAgentHeartbeat>();
        await foreach (BlobItem item in _state.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, cancellationToken))
        {
            try
            {
                BinaryData content = (await _state.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content;
                if (JsonSerializer.Deserialize<EdgeAgentHeartbeat>(content.ToStream()) is { } beat)
                {
                    beats.Add(beat);
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Removed between listing and reading.
            }
            catch (JsonException)
            {
                // A heartbeat from an incompatible agent version says nothing we can read.
            }
        }

        return beats;
    }
}
