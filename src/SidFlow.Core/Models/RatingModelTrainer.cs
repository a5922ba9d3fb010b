using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using SidFlow.Core.Classification;

namespace SidFlow.Core.Models;

/// <summary>
/// Trains one FastTree regression per head on the training samples that have its target, single-threaded
/// with a fixed seed, so the same data and parameters give the same model bytes; measures each on the
/// training and the held-out samples.
/// </summary>
public static class RatingModelTrainer
{
    /// <summary>A head is trained only with at least this many samples.</summary>
    public const int MinimumSamples = 20;

    public static IReadOnlyDictionary<string, TrainedHead> Train(TrainingSet set, ModelHyperparameters parameters, int seed)
    {
        var heads = new Dictionary<string, TrainedHead>(StringComparer.Ordinal);
        foreach (string head in RatingHeads.All)
        {
            List<ModelRow> rows = Rows(set.Training, head);
            if (rows.Count < MinimumSamples)
            {
                continue;
            }

            var ml = new MLContext(seed);
            SchemaDefinition schema = ModelRow.Schema();
            IDataView data = ml.Data.LoadFromEnumerable(rows, schema);
            var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                NumberOfTrees = parameters.Trees,
                NumberOfLeaves = ModelHyperparameters.Leaves,
                MinimumExampleCountPerLeaf = parameters.MinimumLeafSamples,
                LearningRate = parameters.Shrinkage,
                MaximumBinCountPerFeature = ModelHyperparameters.BinsPerFeature,
                NumberOfThreads = 1,
                FeatureColumnName = nameof(ModelRow.Features),
                LabelColumnName = nameof(ModelRow.Label),
                ExampleWeightColumnName = nameof(ModelRow.Weight),
            });
            ITransformer model = trainer.Fit(data);
            using var bytes = new MemoryStream();
            ml.Model.Save(model, data.Schema, bytes);
            var predictor = new HeadPredictor(ml, model);
            heads[head] = new TrainedHead(head, bytes.ToArray(), Measure(predictor, set.Training, head), Measure(predictor, set.Validation, head));
        }

        return heads;
    }

    public static RegressionMetrics Measure(HeadPredictor predictor, IReadOnlyList<TrainingSample> samples, string head) =>
        RegressionMetrics.Of(samples.Where(s => RatingHeads.TargetOf(s, head) is not null)
            .Select(s => ((double)predictor.Predict(s.Features), RatingHeads.TargetOf(s, head)!.Value)).ToArray());

    private static List<ModelRow> Rows(IEnumerable<TrainingSample> samples, string head) => samples
        .Where(s => RatingHeads.TargetOf(s, head) is not null)
        .Select(s => new ModelRow
        {
            Features = s.Features,
            Label = (float)RatingHeads.TargetOf(s, head)!.Value,
            Weight = head == RatingHeads.Appeal && s.Explicit ? (float)TrainingRules.ExplicitSampleWeight : 1f,
        })
        .ToList();
}

/// <param name="Model">The ML.NET model zip.</param>
public sealed record TrainedHead(string Head, byte[] Model, RegressionMetrics Training, RegressionMetrics Validation);

/// <summary>The row ML.NET trains on and predicts from: the feature vector of <see cref="FeatureSet.Names"/>.</summary>
public sealed class ModelRow
{
    public float[] Features { get; set; } = [];
    public float Label { get; set; }
    public float Weight { get; set; } = 1;

    public static SchemaDefinition Schema()
    {
        SchemaDefinition schema = SchemaDefinition.Create(typeof(ModelRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, FeatureSet.Names.Count);
        return schema;
    }
}

public sealed class ModelScore
{
    public float Score { get; set; }
}

/// <summary>One head's predictions; prediction engines are not thread-safe, so each thread gets its own.</summary>
public sealed class HeadPredictor : IDisposable
{
    private readonly ThreadLocal<PredictionEngine<ModelRow, ModelScore>> _engines;

    public HeadPredictor(MLContext ml, ITransformer model)
    {
        SchemaDefinition schema = ModelRow.Schema();
        _engines = new ThreadLocal<PredictionEngine<ModelRow, ModelScore>>(() => ml.Model.CreatePredictionEngine<ModelRow, ModelScore>(model, inputSchemaDefinition: schema), trackAllValues: true);
    }

    public static HeadPredictor Load(byte[] zip)
    {
        var ml = new MLContext(0);
        using var stream = new MemoryStream(zip);
        ITransformer model = ml.Model.Load(stream, out _);
        return new HeadPredictor(ml, model);
    }

    public float Predict(float[] features) => _engines.Value!.Predict(new ModelRow { Features = features }).Score;

    public void Dispose()
    {
        foreach (PredictionEngine<ModelRow, ModelScore> engine in _engines.Values)
        {
            engine.Dispose();
        }

        _engines.Dispose();
    }
}
