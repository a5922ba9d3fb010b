namespace SidFlow.Core.Hvsc.Update;

/// <summary>Where the bytes of a file in a planned collection come from.</summary>
public abstract record FileContent(string Md5, long Size);

/// <summary>The file as it is stored in the collection now, at <paramref name="Path"/>.</summary>
public sealed record StoredContent(string Path, string Md5, long Size) : FileContent(Md5, Size);

/// <summary>A file from a release archive, already copied to the staging area.</summary>
public sealed record StagedContent(string Blob, string Md5, long Size) : FileContent(Md5, Size);

/// <summary>Bytes made while planning (a header edit).</summary>
public sealed record InlineContent(byte[] Bytes, string Md5) : FileContent(Md5, Bytes.Length);
