using System.CommandLine;
using SidFlow.Api.Configuration;
using SidFlow.Local.Cli;

// Ctrl-C and SIGTERM cancel the verb's token; the verb then has this long to stop the app and Azurite.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30), EnableDefaultExceptionHandler = false };
try
{
    return await SidFlowCommandLine.Create().Parse(args).InvokeAsync(invocation);
}
catch (ConfigurationRefusedException refused)
{
    // What to fix, not a stack trace: the configuration is the operator's, not a bug.
    Console.Error.WriteLine($"sidflow: {refused.Message}");
    return 2;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    Console.Error.WriteLine($"Unhandled exception: {ex}");
    return 1;
}
