using SidFlow.Emulation.Sid;

namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// The configuration items the simulator has: UltiSID 1's filter curve (which chip model the emulator plays
/// with) and the system mode (PAL or NTSC, kept in <see cref="SimulatorOptions.Clock"/>).
/// </summary>
internal sealed class DeviceConfig
{
    public const string UltiSidCategory = "UltiSID Configuration";
    public const string FilterCurveItem = "UltiSID 1 Filter Curve";
    public const string U64Category = "U64 Specific Settings";
    public const string SystemModeItem = "System Mode";

    private volatile string _filterCurve = "6581";

    public DeviceConfig(SimulatorOptions options)
    {
        Items =
        [
            new ConfigItem(UltiSidCategory, FilterCurveItem, ["6581", "8580 Lo", "8580 Hi"], "6581", () => _filterCurve, v => _filterCurve = v),
            new ConfigItem(U64Category, SystemModeItem, ["PAL", "NTSC"], "PAL",
                () => options.Clock == SidClockKind.Ntsc ? "NTSC" : "PAL",
                v => options.Clock = v == "NTSC" ? SidClockKind.Ntsc : SidClockKind.Pal),
        ];
    }

    public IReadOnlyList<ConfigItem> Items { get; }

    /// <summary>The chip model the filter curve stands for: both 8580 curves are an 8580.</summary>
    public SidModel SidModel => _filterCurve.StartsWith("8580", StringComparison.Ordinal) ? SidModel.Mos8580 : SidModel.Mos6581;

    public IReadOnlyList<ConfigItem> InCategory(string category) =>
        Items.Where(i => string.Equals(i.Category, category, StringComparison.OrdinalIgnoreCase)).ToArray();
}
