namespace SidFlow.EdgeAgent.Device;

public enum Ultimate64Failure
{
    /// <summary>No answer (connection refused, timed out) after the bounded retries.</summary>
    Unreachable,

    /// <summary>403: the network password is wrong or missing.</summary>
    Forbidden,

    /// <summary>Any other error answer (400, 404, 412, 415, 5xx).</summary>
    Refused,

    /// <summary>The audio stream stopped or lost too much.</summary>
    Stream,
}

/// <summary>An Ultimate 64 could not do what was asked; the message names the device and the reason.</summary>
public sealed class Ultimate64Exception(Ultimate64Failure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public Ultimate64Failure Failure { get; } = failure;

    /// <summary>For <see cref="Ultimate64Failure.Stream"/>: the loss of the last capture, when one finished.</summary>
    public double? PacketLoss { get; init; }

    public int Attempts { get; init; }
}
