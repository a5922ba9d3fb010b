using System.Text.Json;
using System.Text.Json.Nodes;
using SidFlow.Core.Operations;

namespace SidFlow.Core.Models;

/// <summary>
/// The guide's model lifecycle after training: the candidate and its evaluation, approval against the quality
/// gates, publishing (artifacts verified, then one ETag-conditional manifest write), rollback, and retention
/// (the last five production versions stay; older ones move to the archive). Every action, failed ones too,
/// goes to the audit trail.
/// </summary>
public sealed class ModelRegistry(IModelStore models, IAuditLog audit, TimeProvider time)
{
    public const int KeptProductionVersions = 5;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The newest model still waiting for approval or publishing.</summary>
    public async Task<ModelMetadata?> CandidateAsync(CancellationToken cancellationToken) =>
        (await models.ListAsync(cancellationToken))
            .Where(m => m.Status is ModelStatus.Candidate or ModelStatus.Approved)
            .MaxBy(m => ModelVersion.Parse(m.ModelVersion));

    public async Task<IReadOnlyList<ModelMetadata>> HistoryAsync(CancellationToken cancellationToken) =>
        (await models.ListAsync(cancellationToken)).OrderByDescending(m => ModelVersion.Parse(m.ModelVersion)).ToArray();

    /// <summary>The evaluation made when the version was trained (against the baseline of that time).</summary>
    public async Task<ModelEvaluation> EvaluationAsync(string? version, CancellationToken cancellationToken)
    {
        ModelMetadata metadata = version is null
            ? await CandidateAsync(cancellationToken) ?? throw new ModelNotFoundException("(no candidate)")
            : await RequireAsync(version, cancellationToken);
        byte[]? stored = await models.ReadArtifactAsync(metadata.ModelVersion, ModelTrainer.EvaluationArtifact, cancellationToken);
        return stored is not null
            ? JsonSerializer.Deserialize<ModelEvaluation>(stored, Json)!
            : throw new ModelStateException($"model {metadata.ModelVersion} was trained without evaluation (evaluate: false); train again with evaluate");
    }

    public Task<ModelMetadata> ApproveAsync(string version, string? notes, bool force, string actor, CancellationToken cancellationToken) =>
        AuditedAsync("model.approve", actor, new JsonObject { ["modelVersion"] = version, ["notes"] = notes, ["force"] = force }, async details =>
        {
            ModelMetadata metadata = await RequireAsync(version, cancellationToken);
            if (metadata.Status is not (ModelStatus.Candidate or ModelStatus.Approved))
            {
                throw new ModelStateException($"model {version} is {metadata.Status}: only a candidate can be approved");
            }

            ModelEvaluation evaluation = await EvaluationAsync(version, cancellationToken);
            string[] failed = [.. evaluation.FailedGates];
            if (failed.Length > 0 && !(force && !string.IsNullOrWhiteSpace(notes)))
            {
                throw new ModelStateException($"model {version} fails the quality gates {string.Join(", ", failed)}; approve with force and notes to override", failed);
            }

            ActiveVersion? previous = await models.ReadActiveVersionAsync(cancellationToken);
            DateTimeOffset now = time.GetUtcNow();
            if ((await models.ReadManifestAsync(cancellationToken))?.Manifest.ActiveVersion is { } production && production != version)
            {
                string label = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                await models.BackupAsync(production, label, cancellationToken);
                details["backup"] = $"backups/{label}/{production}/";
            }

            ModelMetadata approved = metadata with { Status = ModelStatus.Approved, Approval = new ModelApproval(now, actor, notes, failed.Length > 0, failed) };
            await models.WriteMetadataAsync(approved, cancellationToken);
            await models.WriteActiveVersionAsync(new ActiveVersion(version, now, actor, notes, previous?.Version), cancellationToken);
            details["previousVersion"] = previous?.Version;
            details["metrics"] = JsonSerializer.SerializeToNode(metadata.Metrics, Json);
            details["failedGates"] = new JsonArray(failed.Select(f => (JsonNode)f).ToArray());
            return approved;
        }, cancellationToken);

    /// <summary>Publishes an approved version: verifies every artifact, writes the manifest, retires and archives older versions.</summary>
    public Task<ModelManifest> PublishAsync(string version, string actor, CancellationToken cancellationToken) =>
        AuditedAsync("model.publish", actor, new JsonObject { ["modelVersion"] = version }, async details =>
        {
            ModelMetadata metadata = await RequireAsync(version, cancellationToken);
            ActiveVersion? approved = await models.ReadActiveVersionAsync(cancellationToken);
            if (metadata.Status != ModelStatus.Approved || approved?.Version != version)
            {
                throw new ModelStateException($"model {version} is {metadata.Status}: approve it before publishing");
            }

            ModelManifest manifest = await SwitchAsync(metadata, "publish", actor, null, details, cancellationToken);
            await models.WriteMetadataAsync(metadata with { Status = ModelStatus.Production, PublishedAt = manifest.PublishedAt }, cancellationToken);
            await RetireAsync(manifest, cancellationToken);
            return manifest;
        }, cancellationToken);

    /// <summary>Back to the previous production version, or to a named one that is still kept.</summary>
    public Task<ModelManifest> RollbackAsync(string? targetVersion, string reason, bool immediate, string actor, CancellationToken cancellationToken) =>
        AuditedAsync("model.rollback", actor, new JsonObject { ["targetVersion"] = targetVersion, ["reason"] = reason, ["immediate"] = immediate }, async details =>
        {
            (ModelManifest Manifest, string ETag) current = await models.ReadManifestAsync(cancellationToken)
                ?? throw new ModelStateException("nothing is published: there is nothing to roll back");
            string target = targetVersion ?? current.Manifest.Rollback.PreviousVersion
                ?? throw new ModelStateException($"model {current.Manifest.ActiveVersion} has no earlier version to roll back to");
            if (target == current.Manifest.ActiveVersion)
            {
                throw new ModelStateException($"model {target} is already the published version");
            }

            if (!current.Manifest.Rollback.AvailableVersions.Contains(target) && current.Manifest.Rollback.PreviousVersion != target)
            {
                throw new ModelStateException($"model {target} is not one of the kept production versions ({string.Join(", ", current.Manifest.Rollback.AvailableVersions)})");
            }

            ModelMetadata metadata = await RequireAsync(target, cancellationToken);
            ModelManifest manifest = await SwitchAsync(metadata, "rollback", actor, reason, details, cancellationToken);
            await models.WriteMetadataAsync(metadata with { Status = ModelStatus.Production, PublishedAt = manifest.PublishedAt }, cancellationToken);
            return manifest;
        }, cancellationToken);

    /// <summary>Verifies the version's schema and artifacts, then makes it the manifest's active version in one conditional write.</summary>
    private async Task<ModelManifest> SwitchAsync(ModelMetadata metadata, string action, string actor, string? reason, JsonObject details, CancellationToken cancellationToken)
    {
        TrainedRatingModel.CheckSchema(metadata);
        await ModelArtifacts.ReadVerifiedAsync(models, metadata.ModelVersion, metadata.Artifacts, cancellationToken);
        (ModelManifest Manifest, string ETag)? current = await models.ReadManifestAsync(cancellationToken);
        string? previous = current?.Manifest.ActiveVersion;
        List<string> kept = [.. current?.Manifest.Rollback.AvailableVersions ?? []];
        if (previous is not null && !kept.Contains(previous))
        {
            kept.Add(previous);
        }

        kept.Remove(metadata.ModelVersion);
        kept = kept.TakeLast(KeptProductionVersions - 1).ToList();
        ModelManifest manifest = new ModelManifest
        {
            ActiveVersion = metadata.ModelVersion,
            PublishedAt = time.GetUtcNow(),
            Artifacts = metadata.Artifacts,
            Metadata = new ManifestMetadata(metadata.TrainedAt, metadata.Samples.Total, new ManifestMetrics(metadata.Metrics.ValidationMae, metadata.Metrics.ValidationR2), metadata.FeatureSetVersion),
            Rollback = new ManifestRollback(previous, kept),
            Change = new ManifestChange(action, actor, reason),
        }.Sealed();
        await models.WriteManifestAsync(manifest, current?.ETag, cancellationToken);
        details["previousVersion"] = previous;
        details["activeVersion"] = manifest.ActiveVersion;
        details["manifestChecksum"] = manifest.ManifestChecksum;
        return manifest;
    }

    /// <summary>The version that left production is retired; production versions beyond the kept ones go to the archive.</summary>
    private async Task RetireAsync(ModelManifest manifest, CancellationToken cancellationToken)
    {
        foreach (ModelMetadata old in (await models.ListAsync(cancellationToken)).Where(m => m.Status == ModelStatus.Production && m.ModelVersion != manifest.ActiveVersion))
        {
            if (manifest.Rollback.AvailableVersions.Contains(old.ModelVersion) || manifest.Rollback.PreviousVersion == old.ModelVersion)
            {
                await models.WriteMetadataAsync(old with { Status = ModelStatus.Retired }, cancellationToken);
            }
        }

        foreach (ModelMetadata old in (await models.ListAsync(cancellationToken)).Where(m => m.Status is ModelStatus.Retired or ModelStatus.Production
                     && m.ModelVersion != manifest.ActiveVersion && !manifest.Rollback.AvailableVersions.Contains(m.ModelVersion)))
        {
            await models.WriteMetadataAsync(old with { Status = ModelStatus.Archived }, cancellationToken);
            await models.ArchiveAsync(old.ModelVersion, cancellationToken);
        }
    }

    private async Task<ModelMetadata> RequireAsync(string version, CancellationToken cancellationToken) =>
        await models.ReadMetadataAsync(version, cancellationToken) ?? throw new ModelNotFoundException(version);

    private async Task<T> AuditedAsync<T>(string action, string actor, JsonObject details, Func<JsonObject, Task<T>> run, CancellationToken cancellationToken)
    {
        try
        {
            T result = await run(details);
            await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), action, actor, details, Success: true), cancellationToken);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            details["error"] = ex.Message;
            await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), action, actor, details, Success: false), CancellationToken.None);
            throw;
        }
    }
}
