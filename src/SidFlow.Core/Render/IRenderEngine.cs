namespace SidFlow.Core.Render;

/// <summary>Turns a SID song into PCM: raw 16-bit little-endian samples, channels interleaved, written to a stream.</summary>
public interface IRenderEngine
{
    /// <summary>The name in <c>render.preferredEngines</c> and in asset names.</summary>
    string Name { get; }

    Task<RenderResult> RenderAsync(RenderRequest request, Stream pcm, CancellationToken cancellationToken);
}
