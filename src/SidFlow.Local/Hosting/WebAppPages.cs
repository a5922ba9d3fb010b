using Microsoft.AspNetCore.Hosting.StaticWebAssets;

namespace SidFlow.Local.Hosting;

/// <summary>
/// The player (<c>/</c>) and the admin console (<c>/admin...</c>): the Blazor WebAssembly app of web/SidFlow.Web, served
/// from its static web assets (the build's manifests beside this assembly: from the web project's folders after a
/// build, from wwwroot after a publish). Every other path stays the API's; <c>/api/...</c> never falls back to a page.
/// </summary>
public static class WebAppPages
{
    /// <summary>The host's application name, which names the static web asset manifests (the tests' entry assembly is not this one).</summary>
    public static readonly string ApplicationName = typeof(WebAppPages).Assembly.GetName().Name!;

    private static readonly string EndpointsManifest = Path.Combine(AppContext.BaseDirectory, $"{ApplicationName}.staticwebassets.endpoints.json");

    /// <summary>Whether this build carries the pages (a host built without web/SidFlow.Web serves the API only).</summary>
    public static bool Available => File.Exists(EndpointsManifest);

    public static void AddWebAppPages(this WebApplicationBuilder builder)
    {
        if (Available)
        {
            StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
        }
    }

    public static void MapWebAppPages(this WebApplication app)
    {
        if (!Available)
        {
            return;
        }

        app.MapStaticAssets(EndpointsManifest);
        app.MapFallbackToFile("/", "index.html");
        app.MapFallbackToFile("/admin/{**path:nonfile}", "index.html");
        app.MapFallbackToFile("/admin", "index.html");
    }
}
