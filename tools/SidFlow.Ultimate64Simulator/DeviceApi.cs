using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SidFlow.Emulation.Sid;

namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// The device's REST API as the firmware answers it: the password first (403), then the route and verb (a bare
/// 404 for anything unknown, never 405), then the query arguments (400 for one not expected or one missing),
/// and JSON with an <c>errors</c> array for every answer that has a body.
/// </summary>
internal sealed class DeviceApi(SimulatorOptions options, Machine machine, DeviceConfig config, CallLog calls, CancellationToken lifetime)
{
    private const string ConfigsPrefix = "/v1/configs/";
    private const string MachinePrefix = "/v1/machine:";
    private static readonly string[] MachineCommands = ["reset", "reboot", "pause", "resume", "poweroff"];

    public async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string path = request.Path.Value ?? "";
        calls.Add(new SimulatorCall(request.Method, path, request.QueryString.Value ?? "", DateTimeOffset.UtcNow));
        if (options.Unresponsive)
        {
            await HoldAsync(context);
            return;
        }

        DeviceReply reply = options.Password is { Length: > 0 } password && request.Headers["X-Password"] != password
            ? DeviceReply.Error(StatusCodes.Status403Forbidden, "Forbidden.")
            : await RouteAsync(request, path, context.RequestAborted);
        context.Response.StatusCode = reply.Status;
        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body.ToJsonString(), context.RequestAborted);
        }
    }

    /// <summary>An unresponsive device: the connection stays open and nothing comes back until the simulator stops.</summary>
    private async Task HoldAsync(HttpContext context)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(lifetime, context.RequestAborted);
        try
        {
            await Task.Delay(Timeout.Infinite, held.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped or given up on by the client: drop the connection without an answer.
        }

        context.Abort();
    }

    private async Task<DeviceReply> RouteAsync(HttpRequest request, string path, CancellationToken cancellationToken)
    {
        string method = request.Method;
        IQueryCollection query = request.Query;
        switch (method, path)
        {
            case ("GET", "/v1/version"):
                return Arguments(query, []) ?? DeviceReply.Ok(new JsonObject { ["version"] = "0.1" });
            case ("GET", "/v1/info"):
                return Arguments(query, []) ?? DeviceReply.Ok(Info());
            case ("POST", "/v1/runners:sidplay"):
                return Arguments(query, [], "songnr") ?? await SidPlayAsync(request, cancellationToken);
            case ("PUT", "/v1/streams/audio:start"):
                return Arguments(query, ["ip"]) ?? await StartStreamAsync(query["ip"].ToString(), cancellationToken);
            case ("PUT", "/v1/streams/audio:stop"):
                await machine.StopStreamAsync(cancellationToken);
                return DeviceReply.Ok();
            case ("PUT", _) when path.StartsWith(MachinePrefix, StringComparison.Ordinal) && MachineCommands.Contains(path[MachinePrefix.Length..]):
                return Arguments(query, []) ?? MachineCommand(path[MachinePrefix.Length..]);
            case ("GET", _) when path.StartsWith(ConfigsPrefix, StringComparison.Ordinal):
                return Arguments(query, []) ?? ReadConfig(path[ConfigsPrefix.Length..].Split('/'));
            case ("PUT", _) when path.StartsWith(ConfigsPrefix, StringComparison.Ordinal):
                return Arguments(query, ["value"]) ?? WriteConfig(path[ConfigsPrefix.Length..].Split('/'), query["value"].ToString());
            default:
                return DeviceReply.NotFound;
        }
    }

    /// <summary>400 for an argument the call does not take or a required one missing; null when they are right.</summary>
    private static DeviceReply? Arguments(IQueryCollection query, string[] required, params string[] optional)
    {
        foreach (string key in query.Keys)
        {
            if (!required.Contains(key) && !optional.Contains(key))
            {
                return DeviceReply.Error(StatusCodes.Status400BadRequest, $"Unexpected parameter '{key}'.");
            }
        }

        string? missing = required.FirstOrDefault(r => !query.ContainsKey(r));
        return missing is null ? null : DeviceReply.Error(StatusCodes.Status400BadRequest, $"Missing required parameter '{missing}'.");
    }

    private JsonObject Info() => new()
    {
        ["product"] = options.Product,
        ["firmware_version"] = options.FirmwareVersion,
        ["fpga_version"] = options.FpgaVersion,
        ["core_version"] = options.CoreVersion,
        ["hostname"] = options.Hostname,
        ["unique_id"] = options.UniqueId,
    };

    private async Task<DeviceReply> SidPlayAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        byte[]? file = await ReadAttachmentAsync(request, cancellationToken);
        if (file is null)
        {
            return DeviceReply.Error(StatusCodes.Status412PreconditionFailed, "No SID file attached.");
        }

        if (!SidFile.TryParse(file, out SidFile? sid, out SidFormatException? error))
        {
            return DeviceReply.Error(StatusCodes.Status415UnsupportedMediaType, $"Not a SID file: {error!.Message}");
        }

        int songnr = 0;
        if (request.Query.TryGetValue("songnr", out var text) && !SongNumber.TryParse(text.ToString(), out songnr))
        {
            return DeviceReply.Error(StatusCodes.Status400BadRequest, $"Parameter 'songnr' is not a number: '{text}'.");
        }

        if (songnr < 0 || songnr > sid!.Songs)
        {
            return DeviceReply.Error(StatusCodes.Status400BadRequest, "Invalid Song Number Requested");
        }

        int subtune = songnr != 0 ? songnr : Math.Clamp(sid.StartSong, 1, sid.Songs);
        machine.Play(sid, subtune, config.SidModel);
        return DeviceReply.Ok();
    }

    /// <summary>The raw body (octet-stream), or the first part of a multipart body; null when there is none.</summary>
    private static async Task<byte[]?> ReadAttachmentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            Stream body = request.Body;
            if (MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type)
                && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                string boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value ?? "";
                MultipartSection? first = boundary.Length == 0 ? null : await new MultipartReader(boundary, request.Body).ReadNextSectionAsync(cancellationToken);
                if (first is null)
                {
                    return null;
                }

                body = first.Body;
            }

            using var bytes = new MemoryStream();
            await body.CopyToAsync(bytes, cancellationToken);
            return bytes.Length == 0 ? null : bytes.ToArray();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            // A body that ends early or a multipart body that does not parse carries no file the device could take.
            return null;
        }
    }

    private async Task<DeviceReply> StartStreamAsync(string ip, CancellationToken cancellationToken)
    {
        if (!StreamTarget.TryParse(ip, out var target, out string error))
        {
            return DeviceReply.Error(StatusCodes.Status400BadRequest, $"Parameter 'ip': {error}.");
        }

        await machine.StartStreamAsync(target!, cancellationToken);
        return DeviceReply.Ok();
    }

    private DeviceReply MachineCommand(string command)
    {
        // Pause and resume hold the CPU, not the player's place in the song; the simulator leaves the song running.
        if (command is "reset" or "reboot" or "poweroff")
        {
            machine.StopSong(command);
        }

        return DeviceReply.Ok();
    }

    private DeviceReply ReadConfig(string[] path)
    {
        IReadOnlyList<ConfigItem> items = config.InCategory(path[0]);
        if (items.Count == 0 || path.Length > 2)
        {
            return DeviceReply.Error(StatusCodes.Status404NotFound, $"There is no config category that matches '{path[0]}'");
        }

        var category = new JsonObject();
        foreach (ConfigItem item in items)
        {
            if (path.Length == 1)
            {
                category[item.Name] = item.Current;
            }
            else if (string.Equals(item.Name, path[1], StringComparison.OrdinalIgnoreCase))
            {
                category[item.Name] = item.Describe();
            }
        }

        return category.Count == 0
            ? DeviceReply.Error(StatusCodes.Status404NotFound, $"Item '{path[1]}' not found in this configuration category [{items[0].Category}].")
            : DeviceReply.Ok(new JsonObject { [items[0].Category] = category });
    }

    private DeviceReply WriteConfig(string[] path, string value)
    {
        if (path.Length != 2)
        {
            return DeviceReply.Error(StatusCodes.Status400BadRequest, "When using the 'value' argument, the path should have two elements; the config category and the config item name.");
        }

        IReadOnlyList<ConfigItem> items = config.InCategory(path[0]);
        if (items.Count == 0)
        {
            return DeviceReply.Error(StatusCodes.Status404NotFound, $"There is no config category that matches '{path[0]}'");
        }

        ConfigItem? item = items.FirstOrDefault(i => string.Equals(i.Name, path[1], StringComparison.OrdinalIgnoreCase));
        if (item is null)
        {
            return DeviceReply.Error(StatusCodes.Status404NotFound, $"Item '{path[1]}' not found in this configuration category [{items[0].Category}].");
        }

        return item.TrySet(value)
            ? DeviceReply.Ok()
            : DeviceReply.Error(StatusCodes.Status400BadRequest, $"Value '{value}' is not a valid choice for item {item.Name}");
    }
}
