using SidFlow.Core.Jobs;

namespace SidFlow.Core.Render;

/// <summary>
/// A tool this work needs (sidplayfp, ffmpeg) is not installed on this server (Flex Consumption has no OS
/// packages): no retry can help, so the item fails at once with the reason.
/// </summary>
public sealed class ToolMissingException(string message) : PermanentItemFailureException(message);
