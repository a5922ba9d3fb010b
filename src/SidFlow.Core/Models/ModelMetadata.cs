using System.Text.Json.Serialization;

namespace SidFlow.Core.Models;

/// <summary><c>models/{version}/model-metadata.json</c>: the guide's training metadata, plus the schema, artifacts, lineage and lifecycle.</summary>
public sealed record ModelMetadata
{
    public required string ModelVersion { get; init; }
    public required DateTimeOffset TrainedAt { get; init; }

    /// <summary>Milliseconds.</summary>
    public required long TrainingDuration { get; init; }
    public required ModelSamples Samples { get; init; }
    public required ModelHyperparameters Hyperparameters { get; init; }
    public required ModelMetrics Metrics { get; init; }
    public required string FeatureSetVersion { get; init; }
    public required string Status { get; init; }

    /// <summary>The feature names, in the order the model reads them: checked against the running feature set at load.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Per head, its training and validation metrics.</summary>
    public required IReadOnlyDictionary<string, HeadMetrics> Heads { get; init; }

    /// <summary>Every artifact of the version with its sha256, as written.</summary>
    public required IReadOnlyDictionary<string, ModelArtifact> Artifacts { get; init; }

    public required ModelLineage Lineage { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ModelApproval? Approval { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? PublishedAt { get; init; }
}

public static class ModelStatus
{
    public const string Candidate = "candidate";
    public const string Approved = "approved";
    public const string Production = "production";
    public const string Retired = "retired";
    public const string Archived = "archived";
}

public sealed record ModelSamples(int Total, int Explicit, int Implicit, int Validation);

/// <summary>The rating dimensions' metrics, averaged: on the training samples and on the held-out listeners.</summary>
public sealed record ModelMetrics(double Mae, double Rmse, double R2, double ValidationMae, double ValidationR2);

public sealed record HeadMetrics(RegressionMetrics Training, RegressionMetrics Validation);

public sealed record ModelArtifact(string Checksum, long SizeBytes);

/// <summary>Where a model came from: the feedback it learned from, the exact training set, and the code.</summary>
public sealed record ModelLineage(DateTimeOffset? FeedbackFrom, DateTimeOffset? FeedbackTo, int Events, string TrainingSetHash, string CodeVersion, string JobId, int Seed);

public sealed record ModelApproval(DateTimeOffset ApprovedAt, string ApprovedBy, string? Notes, bool Forced, IReadOnlyList<string> FailedGates);
