using System.CommandLine;
using SidFlow.Local.Hosting;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow serve</c>: the API and the job engine on the configured storage, without the main job.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1", DefaultValueFactory = _ => 7071 };
        var command = new Command("serve", "Serve the HTTP API and run the job engine (orchestrations, activities, admission, schedule) until Ctrl-C") { port };
        command.SetAction(async (parse, ct) =>
        {
            await using AppSession session = await AppSession.OpenAsync(LogLevel.Information, ct);
            WebApplication app = LocalWebApp.Build(new WebAppSettings(session.Configuration, session.Storage, session.AdminToken, $"http://127.0.0.1:{parse.GetValue(port)}")
            {
                AccessLogDirectory = session.Paths.LogDirectory,
            });
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
