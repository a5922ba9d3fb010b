using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SidFlow.Core.Tests.Fetch;

/// <summary>
/// An HVSC mirror on 127.0.0.1: an HTML listing of the files in a folder, each served with HTTP Range
/// support, and, on request, a connection that drops half-way through a file once.
/// </summary>
public sealed class LoopbackMirror : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _dropOnce = new(StringComparer.Ordinal);

    private LoopbackMirror(WebApplication app, string folder)
    {
        _app = app;
        Folder = folder;
    }

    public string Folder { get; }
    public Uri Url => new(_app.Urls.First() + "/hvsc/");
    public ConcurrentQueue<(string Path, string? Range)> Requests { get; } = new();

    public void DropHalfWayOnce(string fileName) => _dropOnce[fileName] = true;

    public static async Task<LoopbackMirror> StartAsync(string folder)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var mirror = new LoopbackMirror(app, folder);
        app.Use(async (context, next) =>
        {
            mirror.Requests.Enqueue((context.Request.Path.Value ?? string.Empty, context.Request.Headers.Range.ToString() is { Length: > 0 } r ? r : null));
            await next(context);
        });
        app.MapGet("/hvsc/", () =>
        {
            string links = string.Concat(Directory.EnumerateFiles(folder).Select(f => $"<a href=\"{Path.GetFileName(f)}\">{Path.GetFileName(f)}</a><br>\n"));
            return Results.Content($"<html><body><h1>Index of /hvsc</h1>\n<a href=\"../\">Parent</a><br>\n{links}</body></html>", "text/html");
        });
        app.MapGet("/hvsc/{name}", async (string name, HttpContext context) =>
        {
            string path = Path.Combine(folder, Path.GetFileName(name));
            if (!File.Exists(path))
            {
                return Results.NotFound();
            }

            if (context.Request.Headers.Range.Count == 0 && mirror._dropOnce.TryRemove(name, out _))
            {
                byte[] bytes = await File.ReadAllBytesAsync(path);
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await context.Response.Body.FlushAsync();
                context.Abort();
                return Results.Empty;
            }

            return Results.File(path, "application/octet-stream", enableRangeProcessing: true);
        });
        await app.StartAsync();
        return mirror;
    }

    public int ArchiveDownloads() => Requests.Count(r => r.Path.EndsWith(".7z", StringComparison.Ordinal) || r.Path.EndsWith(".zip", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
