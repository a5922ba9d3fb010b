namespace SidFlow.Core.Collection;

/// <summary>A file of the stored collection: its HVSC path, size and content MD5 (lower-case hex, when known).</summary>
public sealed record CollectionFile(string Path, long Size, string? Md5, DateTimeOffset? LastModified);
