using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using SidFlow.Core.Classification;
using SidFlow.Core.Jobs;

namespace SidFlow.Core.Models;

/// <summary>
/// The <c>train</c> job: one item that trains the next model version (decided when the item is listed, so a
/// repeated attempt writes the same version again) and leaves it a candidate; the job's result names it.
/// </summary>
public sealed class TrainJobType(ModelTrainer trainer, IModelStore models) : JobType
{
    public const string TypeName = "train";

    public override string Name => TypeName;

    public override TimeSpan? ItemTimeout => TimeSpan.FromHours(2);

    public override int? MaxParallelItems(JsonObject config) => 1;

    public override JsonObject NormalizeConfig(JsonObject config) => ModelHyperparameters.Parse(config).ToJson();

    public override string DescribeItem(string key) => $"Training model {key}";

    public override async IAsyncEnumerable<JobItemSpec> EnumerateAsync(JobContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ModelVersion next = ModelVersion.Next(await models.ListAsync(cancellationToken), FeatureSet.Version);
        context.Log($"Training model {next} on feature set {FeatureSet.Version}");
        yield return new JobItemSpec(next.ToString());
    }

    public override async Task RunItemAsync(JobItemContext context, CancellationToken cancellationToken)
    {
        ModelMetadata metadata = await trainer.TrainAsync(context.Key, context.Job.Id, ModelHyperparameters.Parse(context.Config), context.ReportStatus, cancellationToken);
        context.Log($"Model {metadata.ModelVersion}: {metadata.Samples.Total} samples ({metadata.Samples.Validation} held out), validation MAE {metadata.Metrics.ValidationMae}, R² {metadata.Metrics.ValidationR2}, in {metadata.TrainingDuration} ms");
    }

    public override async Task FinalizeAsync(JobContext context, JobCounters counters, CancellationToken cancellationToken)
    {
        ModelMetadata? trained = (await models.ListAsync(cancellationToken)).Where(m => m.Lineage.JobId == context.Job.Id).MaxBy(m => ModelVersion.Parse(m.ModelVersion));
        if (trained is not null)
        {
            await context.SaveResultAsync(new JsonObject
            {
                ["modelVersion"] = trained.ModelVersion,
                ["metrics"] = JsonSerializer.SerializeToNode(trained.Metrics, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
                ["status"] = trained.Status,
            }, cancellationToken);
        }
    }
}
