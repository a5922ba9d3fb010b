using System.Diagnostics;
using System.Globalization;

namespace SidFlow.Local.Cli;

/// <summary>
/// CPU time spent by this process and by the whole machine (Linux <c>/proc/stat</c>), so a benchmark can say how
/// much of the cores storage (Azurite's node process) took while a job ran beside it.
/// </summary>
public readonly record struct CpuClock(TimeSpan Process, TimeSpan Machine)
{
    public static CpuClock Now()
    {
        using Process self = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuClock(self.TotalProcessorTime, MachineBusy());
    }

    /// <summary>CPU time of other processes since <paramref name="start"/>; zero where <c>/proc/stat</c> is absent.</summary>
    public TimeSpan OthersSince(CpuClock start)
    {
        TimeSpan others = (Machine - start.Machine) - (Process - start.Process);
        return others > TimeSpan.Zero ? others : TimeSpan.Zero;
    }

    private static TimeSpan MachineBusy()
    {
        try
        {
            // "cpu user nice system idle iowait irq softirq steal ..." in clock ticks (USER_HZ, 100 on Linux).
            string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long[] ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            // Idle, I/O wait and steal (time the hypervisor gave to other machines) are not work done here.
            long busy = ticks.Sum() - ticks[3] - ticks[4] - ticks[7];
            return TimeSpan.FromMilliseconds(busy * 10);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }
}
