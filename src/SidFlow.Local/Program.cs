using System.CommandLine;
using SidFlow.Local.Cli;

// Ctrl-C and SIGTERM cancel the verb's token; the verb then has this long to stop the app and Azurite.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await SidFlowCommandLine.Create().Parse(args).InvokeAsync(invocation);
