namespace SidFlow.Core.Jobs;

public enum MessageDisposition
{
    /// <summary>Every item of the message finished (or there was nothing to do): delete it.</summary>
    Complete,

    /// <summary>Some items failed and have attempts left: show the message again after the delay.</summary>
    Retry,

    /// <summary>Items failed on the last attempt and are marked failed, or the message is not ours: to the poison queue.</summary>
    Poison,
}

public sealed record MessageOutcome(MessageDisposition Disposition, string Reason, TimeSpan Delay = default)
{
    public static MessageOutcome Complete(string reason) => new(MessageDisposition.Complete, reason);
}
