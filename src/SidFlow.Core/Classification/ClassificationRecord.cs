namespace SidFlow.Core.Classification;

/// <summary>A song's row in <c>classified</c>: its features, how they were made, and its ratings with their source.</summary>
public sealed record ClassificationRecord
{
    public required string Path { get; init; }
    public required int Subtune { get; init; }
    public required string Md5 { get; init; }
    public required string FeatureSetVersion { get; init; }
    public required IReadOnlyDictionary<string, double> Features { get; init; }
    public required string Renderer { get; init; }
    public required double AnalysisOffset { get; init; }
    public required double AnalysisDuration { get; init; }

    /// <summary>songlengths when the length came from the database, default otherwise.</summary>
    public required string LengthSource { get; init; }

    public string? Author { get; init; }
    public string? Title { get; init; }
    public required DateTimeOffset ClassifiedAt { get; init; }
    public Ratings? Ratings { get; init; }

    /// <summary>heuristic or model: what produced the ratings.</summary>
    public string? RatingSource { get; init; }

    /// <summary>The heuristic's version, or the published model's.</summary>
    public string? ModelVersion { get; init; }

    public DateTimeOffset? RatedAt { get; init; }

    public string Key => $"{Path}#{Subtune}";

    public ClassificationStamp Stamp => new(Md5, FeatureSetVersion, Renderer);
}

/// <summary>What decides whether a song must be classified again.</summary>
public sealed record ClassificationStamp(string Md5, string FeatureSetVersion, string Renderer)
{
    /// <summary>
    /// Whether a row made this way needs no redoing for a file with <paramref name="md5"/> classified by
    /// <paramref name="renderer"/>: same file, same feature set, and that engine (alone, or handing over to its
    /// fallback for a tune it cannot play: "emu+sidplayfp").
    /// </summary>
    public bool IsCurrent(string md5, string renderer) =>
        Md5 == md5 && FeatureSetVersion == FeatureSet.Version
        && (Renderer == renderer || Renderer.StartsWith(renderer + SongClassifier.FallbackSeparator, StringComparison.Ordinal));
}
