using Microsoft.Extensions.Hosting;
using SidFlow.Functions.Hosting;

// The isolated worker: ASP.NET Core integration for the HTTP triggers, SidFlow's middleware, SidFlow's services.
IHost host = new HostBuilder()
    .ConfigureFunctionsWebApplication(worker => worker.UseSidFlowMiddleware())
    .ConfigureServices((context, services) => services.AddSidFlowFunctions(context.Configuration))
    .Build();
await host.RunAsync();
