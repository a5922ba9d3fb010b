namespace SidFlow.Core.Classification;

/// <summary>Energy, mood (dark 1 to bright 5) and complexity, each 1 to 5.</summary>
public sealed record Ratings(double E, double M, double C)
{
    public bool InRange => E is >= 1 and <= 5 && M is >= 1 and <= 5 && C is >= 1 and <= 5;
}
