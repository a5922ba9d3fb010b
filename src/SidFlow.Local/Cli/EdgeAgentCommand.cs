using System.CommandLine;
using SidFlow.Api.Configuration;
using SidFlow.EdgeAgent;
using SidFlow.Local.Hosting;

namespace SidFlow.Local.Cli;

/// <summary>
/// <c>./sidflow edge-agent</c>: the Ultimate 64 edge agent on this machine, against the same storage as
/// <c>up</c> (the embedded Azurite of the same data folder, or SIDFLOW_STORAGE), until Ctrl-C.
/// </summary>
public static class EdgeAgentCommand
{
    public static Command Create()
    {
        var command = new Command("edge-agent", "Run the Ultimate 64 edge agent (render.ultimate64.*: host, port, password, receiverAddress) on this storage until Ctrl-C");
        command.SetAction(async (parse, ct) =>
        {
            // Checked before storage is opened, so a missing device does not start an Azurite for nothing.
            if (string.IsNullOrWhiteSpace(SidFlowConfiguration.Load(AppPaths.FromEnvironment().ConfigFile)["render:ultimate64:host"]))
            {
                Console.Error.WriteLine("render.ultimate64.host is not set: put the device's address in .sidflow.json or SIDFLOW__render__ultimate64__host (./sidflow u64-sim runs a simulator)");
                return 2;
            }

            await using AppSession session = await AppSession.OpenAsync(LogLevel.Information, ct);

            HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.AddSidFlowConsole(session.ConsoleLevel);
            builder.Services.AddEdgeAgent(session.Configuration, session.Storage);
            using IHost host = builder.Build();
            await host.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
