namespace SidFlow.Core.Jobs;

/// <summary>
/// An item whose work was handed to something outside the engine (the Ultimate 64 edge agent): the run waits,
/// without holding a worker, for the answer named <see cref="AnswerName"/> until <see cref="Deadline"/>.
/// </summary>
/// <param name="Unanswered">the item's error when the deadline passes without an answer</param>
public sealed record ItemHandOff(string AnswerName, DateTimeOffset Deadline, string Unanswered);

/// <summary>The answer to a handed-off item, raised on the run's orchestration as the event <see cref="ItemHandOff.AnswerName"/>.</summary>
public sealed record JobItemAnswer(bool Succeeded, string? Error, bool Retryable);
