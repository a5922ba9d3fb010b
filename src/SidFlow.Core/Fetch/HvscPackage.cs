using System.Text.RegularExpressions;

namespace SidFlow.Core.Fetch;

public enum HvscPackageKind
{
    /// <summary>A whole release (<c>HVSC_NN-all-of-them.7z</c>, or a local C64Music tree).</summary>
    Base,

    /// <summary>An update from release NN-1 to NN (<c>HVSC_Update_NN.7z</c>, or a local update folder).</summary>
    Update,
}

/// <summary>A release archive or tree a source offers; <see cref="Location"/> is a URL or a local path.</summary>
public sealed partial record HvscPackage(HvscPackageKind Kind, int Version, string Name, string Location, bool IsDirectory = false)
{
    /// <summary>Recognises HVSC's archive names; null for anything else.</summary>
    public static HvscPackage? FromFileName(string name, string location)
    {
        Match base_ = BaseName().Match(name);
        if (base_.Success)
        {
            return new HvscPackage(HvscPackageKind.Base, int.Parse(base_.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), name, location);
        }

        Match update = UpdateName().Match(name);
        return update.Success
            ? new HvscPackage(HvscPackageKind.Update, int.Parse(update.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), name, location)
            : null;
    }

    [GeneratedRegex(@"^HVSC_(\d{1,4})-all-of-them\.(7z|zip)$", RegexOptions.IgnoreCase)]
    private static partial Regex BaseName();

    [GeneratedRegex(@"^HVSC_Update_(\d{1,4})\.(7z|zip)$", RegexOptions.IgnoreCase)]
    private static partial Regex UpdateName();
}

/// <summary>A package on local disk, ready to read; <see cref="Sha256"/> is null for a directory.</summary>
public sealed record LocalPackage(HvscPackage Package, string Path, string? Sha256, long Bytes);
