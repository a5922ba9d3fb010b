namespace SidFlow.Core.Fetch;

/// <summary>A file of a release package by its path in the collection; a directory when <see cref="Bytes"/> is null.</summary>
public sealed record PackageEntry(string Path, byte[]? Bytes);
