namespace SidFlow.Core.Render;

/// <summary>Turns a SID song into PCM: raw 16-bit little-endian samples, channels interleaved, written to a stream.</summary>
public interface IRenderEngine
{
    /// <summary>The name in <c>render.preferredEngines</c> and in asset names.</summary>
    string Name { get; }

    /// <summary>Why this engine cannot render on this server (a tool it needs is not installed); null when it can.</summary>
    string? Unavailable { get; }

    Task<RenderResult> RenderAsync(RenderRequest request, Stream pcm, CancellationToken cancellationToken);
}
