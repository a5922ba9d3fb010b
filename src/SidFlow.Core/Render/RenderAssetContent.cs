namespace SidFlow.Core.Render;

/// <summary>An asset blob opened for serving (HTTP Range reads seek in <see cref="Content"/>); <see cref="ETag"/> is the blob's, quoted.</summary>
public sealed record RenderAssetContent(Stream Content, long Length, string ContentType, string ETag, DateTimeOffset LastModified);
