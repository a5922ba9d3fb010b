using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SidFlow.Core.Render;

/// <summary>
/// Picks the server engine: the one a request names, else the first of <c>render.preferredEngines</c>
/// that this server has and can run (a tool it needs may not be installed). <c>wasm</c> (a client
/// technology) and <c>ultimate64</c> (the edge agent's) are accepted in the list and skipped here.
/// </summary>
public sealed class RenderEngineSelector(IEnumerable<IRenderEngine> engines, IOptions<RenderOptions> options, ILogger<RenderEngineSelector> logger)
{
    private static readonly string[] NotServerEngines = ["wasm", "ultimate64"];
    private readonly Dictionary<string, IRenderEngine> _engines = engines.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _engines.Keys;

    public static string Canonical(string name) => name.Trim().ToLowerInvariant() switch
    {
        "sidplayfp-cli" or "cli" => SidplayfpEngine.EngineName,
        var n => n,
    };

    public IRenderEngine? Find(string name) => _engines.GetValueOrDefault(Canonical(name));

    public IRenderEngine ForServer(string? requested)
    {
        if (requested is not null)
        {
            return Find(requested) ?? throw new RenderException($"no render engine '{requested}' on this server (have: {string.Join(", ", _engines.Keys)})");
        }

        List<string> preferred = options.Value.PreferredEngines.Count > 0 ? options.Value.PreferredEngines : [SidplayfpEngine.EngineName];
        IRenderEngine? fallback = null;
        foreach (string name in preferred.Select(Canonical))
        {
            if (NotServerEngines.Contains(name))
            {
                continue;
            }

            if (!_engines.TryGetValue(name, out IRenderEngine? engine))
            {
                logger.UnknownEngine(name);
                continue;
            }

            if (engine.Unavailable is null)
            {
                return engine;
            }

            fallback ??= engine;
        }

        // Nothing preferred can run here: the first preferred one still answers, and its render says why it cannot.
        return fallback ?? _engines.GetValueOrDefault(SidplayfpEngine.EngineName) ?? _engines.Values.First();
    }

    public IRenderEngine ForClassification() => Find(options.Value.ClassifyEngine) ?? ForServer(null);
}
