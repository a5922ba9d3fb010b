using Microsoft.Extensions.Logging;
using SidFlow.Emulation.Sid;

namespace SidFlow.Core;

/// <summary>The domain's log messages, source-generated, with event ids (1000-1999); failures carry their exception.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "{JobId}: {Line}")]
    public static partial void JobLogLine(this ILogger logger, string jobId, string line);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Job log of {JobId} not written; {Count} lines kept for the next attempt")]
    public static partial void JobLogNotWritten(this ILogger logger, Exception exception, string jobId, int count);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Job log lines not flushed at shutdown")]
    public static partial void JobLogNotFlushedAtShutdown(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "{Engine} rendered {Label} #{Subtune} ({Seconds} s) in {Elapsed}")]
    public static partial void Rendered(this ILogger logger, string engine, string label, int subtune, double seconds, TimeSpan elapsed);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "{Path} #{Subtune}: every asked format exists already")]
    public static partial void AssetsExist(this ILogger logger, string path, int subtune);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Rendered {Path} #{Subtune} ({Seconds:0.#} s) with {Engine} in {Elapsed}: {Formats}")]
    public static partial void AssetsRendered(this ILogger logger, string path, int subtune, double seconds, string engine, TimeSpan elapsed, string formats);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Temporary render files in {Work} not removed")]
    public static partial void RenderFilesNotRemoved(this ILogger logger, Exception exception, string work);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "Handed {Path} #{Subtune} to the Ultimate 64 edge agent as request {RequestId}")]
    public static partial void SentToHardware(this ILogger logger, string path, int subtune, string requestId);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "render.preferredEngines names '{Engine}', which this server does not have")]
    public static partial void UnknownEngine(this ILogger logger, string engine);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Catalog reconciled: {Sids} SID files, {Written} rows written, {Deleted} removed, {Read} files read")]
    public static partial void CatalogReconciled(this ILogger logger, int sids, int written, int deleted, int read);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Importing {Count} files from {Root}")]
    public static partial void Importing(this ILogger logger, int count, string root);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Imported {Files} files ({Sids} SID) in {Elapsed}: {Uploaded} uploaded, {Rows} catalog rows written, {Failures} unparseable")]
    public static partial void Imported(this ILogger logger, int files, int sids, TimeSpan elapsed, int uploaded, int rows, int failures);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "{Path} is not a valid SID file")]
    public static partial void InvalidSid(this ILogger logger, SidFormatException exception, string path);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Fetch plan {PlanId}: {Summary}")]
    public static partial void FetchPlanned(this ILogger logger, string planId, string summary);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Download of {Url} interrupted at {Bytes} bytes; resuming")]
    public static partial void DownloadInterrupted(this ILogger logger, Exception exception, Uri url, long bytes);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "HVSC release {Version} installed by {JobId}")]
    public static partial void ReleaseInstalled(this ILogger logger, int version, string jobId);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Downloads of {JobId} not removed")]
    public static partial void DownloadsNotRemoved(this ILogger logger, Exception exception, string jobId);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Similarity index: {Songs} songs")]
    public static partial void SimilarityIndexBuilt(this ILogger logger, int songs);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "{Path} #{Subtune}: {Engine} cannot play it; rendering with {Fallback}")]
    public static partial void EngineFallback(this ILogger logger, Exception exception, string path, int subtune, string engine, string fallback);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "{Path} #{Subtune}: no SID-native features")]
    public static partial void NoTraceFeatures(this ILogger logger, Exception exception, string path, int subtune);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Alert ({Component}) not delivered by {Channel}: {Reason}")]
    public static partial void AlertNotDelivered(this ILogger logger, string channel, string component, string reason);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Error, Message = "Alert ({Component}) not written to the audit trail")]
    public static partial void AlertNotAudited(this ILogger logger, Exception exception, string component);
}
