using System.CommandLine;
using SidFlow.Functions.Hosting;

namespace SidFlow.Functions.Cli;

public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = "Port on 127.0.0.1 (default: FUNCTIONS_CUSTOMHANDLER_PORT when the Functions host starts the app, else 7071)" };
        var command = new Command("serve", "Serve the HTTP API and triggers (what the Azure Functions host starts)") { port };
        command.SetAction(async (parse, ct) =>
        {
            string? hostPort = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") ?? Environment.GetEnvironmentVariable("FUNCTIONS_HTTPWORKER_PORT");
            bool underFunctionsHost = hostPort is not null;
            int listen = parse.GetValue(port) ?? (hostPort is not null ? int.Parse(hostPort, System.Globalization.CultureInfo.InvariantCulture) : 7071);

            await using AppSession session = await AppSession.OpenAsync(LogLevel.Information, ct);
            WebApplication app = SidFlowWebApp.Build(new WebAppSettings(session.Configuration, session.Storage, session.AdminToken, $"http://127.0.0.1:{listen}")
            {
                StandaloneTriggers = !underFunctionsHost,
            });
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
