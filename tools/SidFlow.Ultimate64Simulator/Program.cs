using System.Runtime.InteropServices;

namespace SidFlow.Ultimate64Simulator;

/// <summary><c>./sidflow u64-sim</c>: runs the simulator on loopback until Ctrl-C (or SIGTERM).</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        SimulatorOptions? options;
        try
        {
            options = SimulatorCommandLine.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"u64-sim: {ex.Message}\n{SimulatorCommandLine.Usage}");
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(SimulatorCommandLine.Usage);
            return 0;
        }

        using ILoggerFactory loggers = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Warning));
        options.LoggerFactory = loggers;
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });

        await using Ultimate64Simulator simulator = await Ultimate64Simulator.StartAsync(options, stop.Token);
        Console.WriteLine($"Ultimate 64 simulator on {simulator.BaseAddress} ({options.Clock}, audio at {AudioTiming.SampleRate(options.Clock)} Hz); Ctrl-C stops it");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: dispose below stops the stream and the server.
        }

        return 0;
    }
}
