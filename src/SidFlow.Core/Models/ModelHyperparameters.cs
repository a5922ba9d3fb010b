using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;

namespace SidFlow.Core.Models;

/// <summary>
/// The guide's training parameters and what they mean for SidFlow's boosted regression trees (ML.NET FastTree).
/// The guide's numbers are a neural network's (SGD epochs, mini-batches, a learning rate of 0.001); the mapping
/// keeps their direction: more epochs make more trees, a larger batch makes larger leaves (smoother), a larger
/// learning rate a larger shrinkage. docs/models.md has the table.
/// </summary>
public sealed record ModelHyperparameters(int Epochs, int BatchSize, double LearningRate, double ValidationSplit, bool Evaluate)
{
    public static ModelHyperparameters Default { get; } = new(50, 32, 0.001, 0.2, true);

    /// <summary>Boosting rounds: four per epoch.</summary>
    public int Trees => Math.Clamp(Epochs * 4, 8, 4000);

    /// <summary>Shrinkage: the learning rate times 100, within 0.01..0.5 (0.001 gives 0.1).</summary>
    public double Shrinkage => Math.Clamp(LearningRate * 100, 0.01, 0.5);

    /// <summary>Fewest samples in a leaf: a quarter of the batch size, at least 2.</summary>
    public int MinimumLeafSamples => Math.Max(2, BatchSize / 4);

    public const int Leaves = 16;

    /// <summary>
    /// Histogram bins per feature. ML.NET's 255 made each tree cost about 20 ms on 2 cores; 64 cost 6-8 ms with the
    /// same validation error on SidFlow's features, which are summary statistics with no fine structure to lose.
    /// </summary>
    public const int BinsPerFeature = 64;

    public static ModelHyperparameters Parse(JsonObject config)
    {
        int epochs = Int(config, "epochs", Default.Epochs, 1, 1000);
        int batch = Int(config, "batchSize", Default.BatchSize, 1, 4096);
        double rate = Number(config, "learningRate", Default.LearningRate, 1e-6, 1);
        double split = Number(config, "validationSplit", Default.ValidationSplit, 0.05, 0.5);
        bool evaluate = config["evaluate"] switch
        {
            null => Default.Evaluate,
            JsonValue v when v.TryGetValue(out bool b) => b,
            _ => throw new JobConfigException("evaluate must be true or false"),
        };
        return new ModelHyperparameters(epochs, batch, rate, split, evaluate);
    }

    public JsonObject ToJson() => new()
    {
        ["epochs"] = Epochs,
        ["batchSize"] = BatchSize,
        ["learningRate"] = LearningRate,
        ["validationSplit"] = ValidationSplit,
        ["evaluate"] = Evaluate,
    };

    private static int Int(JsonObject config, string name, int fallback, int min, int max) => config[name] switch
    {
        null => fallback,
        var v when JsonConfig.TryGetInt(v, out int n) && n >= min && n <= max => n,
        _ => throw new JobConfigException($"{name} must be a whole number {min}..{max}"),
    };

    private static double Number(JsonObject config, string name, double fallback, double min, double max) => config[name] switch
    {
        null => fallback,
        var v when JsonConfig.TryGetDouble(v, out double d) && d >= min && d <= max => d,
        _ => throw new JobConfigException($"{name} must be a number {min}..{max}"),
    };
}
