using System.Globalization;

namespace SidFlow.Core.Models;

/// <summary>
/// The guide's semantic versions: MAJOR when the feature set changes (the model reads other inputs), MINOR for
/// every new model on the same feature set, PATCH for fixes that keep the model's behaviour.
/// </summary>
public readonly record struct ModelVersion(int Major, int Minor, int Patch) : IComparable<ModelVersion>
{
    public static bool TryParse(string? text, out ModelVersion version)
    {
        version = default;
        string[] parts = (text ?? string.Empty).Split('.');
        if (parts.Length != 3 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        version = new ModelVersion(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>The version after every existing one: a new minor on the latest model's feature set, a new major on another.</summary>
    public static ModelVersion Next(IEnumerable<ModelMetadata> existing, string featureSetVersion)
    {
        ModelMetadata? latest = existing.Where(m => TryParse(m.ModelVersion, out _)).MaxBy(m => Parse(m.ModelVersion));
        if (latest is null)
        {
            return new ModelVersion(1, 0, 0);
        }

        ModelVersion v = Parse(latest.ModelVersion);
        return latest.FeatureSetVersion == featureSetVersion ? new ModelVersion(v.Major, v.Minor + 1, 0) : new ModelVersion(v.Major + 1, 0, 0);
    }

    public static ModelVersion Parse(string text) => TryParse(text, out ModelVersion v) ? v : throw new FormatException($"'{text}' is not MAJOR.MINOR.PATCH");

    public int CompareTo(ModelVersion other) => (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
