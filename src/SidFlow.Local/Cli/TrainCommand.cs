using System.CommandLine;
using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using SidFlow.Core.Models;
using SidFlow.Pipeline.Jobs;

namespace SidFlow.Local.Cli;

/// <summary>
/// <c>./sidflow train [--epochs N] [--batch-size N] [--learning-rate X] [--validation-split X] [--no-evaluate]</c>:
/// a train job, followed until it ends; prints the candidate's metrics and its quality gates.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var epochs = new Option<int?>("--epochs") { Description = $"Training epochs (default {ModelHyperparameters.Default.Epochs}; four boosting rounds each)" };
        var batch = new Option<int?>("--batch-size") { Description = $"Batch size (default {ModelHyperparameters.Default.BatchSize}; a leaf holds at least a quarter of it)" };
        var rate = new Option<double?>("--learning-rate") { Description = $"Learning rate (default {ModelHyperparameters.Default.LearningRate}; the trees' shrinkage is 100 times it)" };
        var split = new Option<double?>("--validation-split") { Description = $"Share of listeners held out (default {ModelHyperparameters.Default.ValidationSplit})" };
        var noEvaluate = new Option<bool>("--no-evaluate") { Description = "Skip the evaluation against the baseline (such a model cannot be approved)" };
        var command = new Command("train", "Train a rating model from listener feedback; it becomes the candidate for approval") { epochs, batch, rate, split, noEvaluate };
        command.SetAction(async (parse, ct) =>
        {
            var config = new JsonObject { ["evaluate"] = !parse.GetValue(noEvaluate) };
            Add(config, "epochs", parse.GetValue(epochs));
            Add(config, "batchSize", parse.GetValue(batch));
            Add(config, "learningRate", parse.GetValue(rate));
            Add(config, "validationSplit", parse.GetValue(split));
            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            await using EngineSession engine = await EngineSession.StartAsync(session, ct);
            try
            {
                JobRecord job = await CliAudit.SubmitAsync(engine.Jobs, engine.Services, TrainJobType.TypeName, config, "cli", ct);
                int exit = await JobFollower.FollowAsync(engine.Jobs, job.Id, ct);
                if (exit == 0 && (await engine.Jobs.GetAsync(job.Id, ct))?.Metadata.Result?["modelVersion"]?.GetValue<string>() is { } version)
                {
                    await PrintAsync(engine.Services.GetRequiredService<ModelRegistry>(), version, ct);
                }

                return exit;
            }
            catch (JobConfigException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        });
        return command;
    }

    private static void Add<T>(JsonObject config, string name, T? value) where T : struct
    {
        if (value is { } v)
        {
            config[name] = JsonValue.Create(v);
        }
    }

    private static async Task PrintAsync(ModelRegistry registry, string version, CancellationToken ct)
    {
        ModelMetadata? trained = (await registry.HistoryAsync(ct)).FirstOrDefault(m => m.ModelVersion == version);
        if (trained is null)
        {
            return;
        }

        ModelMetrics m = trained.Metrics;
        Console.WriteLine($"Model {version}: {trained.Samples.Total} samples ({trained.Samples.Validation} held out), " +
            $"MAE {m.Mae:0.###} (validation {m.ValidationMae:0.###}), R² {m.R2:0.###} (validation {m.ValidationR2:0.###}), {trained.TrainingDuration} ms");
        if (trained.Hyperparameters.Evaluate)
        {
            foreach (string line in (await registry.EvaluationAsync(version, ct)).Recommendations)
            {
                Console.WriteLine($"  {line}");
            }
        }
    }
}
