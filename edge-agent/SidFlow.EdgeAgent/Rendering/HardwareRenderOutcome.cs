using SidFlow.Core.Render;
using SidFlow.EdgeAgent.Capture;

namespace SidFlow.EdgeAgent.Rendering;

/// <summary>A finished hardware render: the assets recorded, the capture that was kept, and how many captures it took.</summary>
public sealed record HardwareRenderOutcome(IReadOnlyList<RenderAsset> Assets, CaptureStats Capture, int Attempts, string Device);
