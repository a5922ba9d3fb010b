namespace SidFlow.Core.Hvsc;

/// <summary>One block of a STIL entry: the fields that describe a tune or one of its covers.</summary>
public sealed record StilTuneInfo(string? Name, string? Author, string? Title, string? Artist, string? Comment);
