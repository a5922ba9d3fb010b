using SidFlow.Local.Durable;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Local.Hosting;

public static class LocalEngineServices
{
    /// <summary>
    /// The local Durable side: the task hub and its client for controls, and, when <paramref name="runEngine"/>,
    /// the worker that runs orchestrations and activities here plus the admission, schedule and edge-agent answer timers.
    /// </summary>
    public static IServiceCollection AddLocalJobEngine(this IServiceCollection services, bool runEngine)
    {
        services.AddSingleton<LocalTaskHub>();
        services.AddSingleton<IJobOrchestrations, TaskHubJobOrchestrations>();
        if (runEngine)
        {
            services.AddHostedService<LocalOrchestrationWorker>();
            services.AddHostedService<LocalEngineTimers>();
            services.AddHostedService<LocalHardwareAnswerTimer>();
            services.AddHostedService<AlertTimer>();
        }

        return services;
    }

    /// <summary>Console logs as the verbs and the web app show them: one line each, the chatty libraries quieter.</summary>
    public static ILoggingBuilder AddSidFlowConsole(this ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.SetMinimumLevel(level);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        logging.AddFilter("Azure", LogLevel.Warning);
        logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        logging.AddFilter("DurableTask", LogLevel.Warning);
        logging.AddFilter("Microsoft.DurableTask", LogLevel.Warning);
        return logging;
    }
}
