using System.Diagnostics;
using SidFlow.Core.Classification;

namespace SidFlow.Core.Models;

/// <summary>
/// A trained version, loaded: its heads predict energy, mood and complexity (clamped to 1..5) and appeal. Loading
/// refuses a model whose feature schema (names, order, count) is not the running feature set's.
/// </summary>
public sealed class TrainedRatingModel : IRatingModel, IDisposable
{
    private readonly IReadOnlyDictionary<string, HeadPredictor> _heads;
    private readonly ModelMonitor? _monitor;

    private TrainedRatingModel(string version, IReadOnlyDictionary<string, HeadPredictor> heads, ModelMonitor? monitor)
    {
        Version = version;
        _heads = heads;
        _monitor = monitor;
    }

    public string Version { get; }

    /// <summary>Loads the heads from their zips after checking the schema; throws <see cref="ModelSchemaException"/> on a mismatch.</summary>
    public static TrainedRatingModel Load(ModelMetadata metadata, IReadOnlyDictionary<string, byte[]> artifacts, ModelMonitor? monitor = null)
    {
        CheckSchema(metadata);
        var heads = new Dictionary<string, HeadPredictor>(StringComparer.Ordinal);
        foreach (string head in RatingHeads.All)
        {
            if (artifacts.TryGetValue(RatingHeads.ArtifactName(head), out byte[]? zip))
            {
                heads[head] = HeadPredictor.Load(zip);
            }
        }

        return new TrainedRatingModel(metadata.ModelVersion, heads, monitor);
    }

    public static void CheckSchema(ModelMetadata metadata)
    {
        IReadOnlyList<string> running = FeatureSet.Names;
        if (metadata.Features.Count != running.Count || !metadata.Features.SequenceEqual(running, StringComparer.Ordinal))
        {
            string first = metadata.Features.Zip(running).Select((p, i) => (p, i)).FirstOrDefault(x => x.p.First != x.p.Second) is var d && d.p.First is not null
                ? $"feature {d.i} is '{d.p.First}' in the model, '{d.p.Second}' here"
                : $"the model reads {metadata.Features.Count} features, this feature set has {running.Count}";
            throw new ModelSchemaException($"model {metadata.ModelVersion} was trained on other features than feature set {FeatureSet.Version} ({first}); ratings stay with the heuristic");
        }
    }

    public Ratings Predict(IReadOnlyDictionary<string, double> features)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            float[] vector = TrainingSet.VectorOf(features);
            Ratings ratings = new(Dimension(RatingHeads.Energy, vector), Dimension(RatingHeads.Mood, vector), Dimension(RatingHeads.Complexity, vector));
            _monitor?.RecordPrediction(Stopwatch.GetElapsedTime(start), failed: false);
            return ratings;
        }
        catch (Exception)
        {
            _monitor?.RecordPrediction(Stopwatch.GetElapsedTime(start), failed: true);
            throw;
        }
    }

    /// <summary>How much listeners would like the song, -1..+1; null when the model has no appeal head.</summary>
    public double? PredictAppeal(IReadOnlyDictionary<string, double> features) =>
        _heads.TryGetValue(RatingHeads.Appeal, out HeadPredictor? appeal) ? Math.Clamp(appeal.Predict(TrainingSet.VectorOf(features)), -1, 1) : null;

    public void Dispose()
    {
        foreach (HeadPredictor head in _heads.Values)
        {
            head.Dispose();
        }
    }

    private double Dimension(string head, float[] vector) =>
        _heads.TryGetValue(head, out HeadPredictor? predictor) ? Math.Round(Math.Clamp(predictor.Predict(vector), 1, 5), 2) : 3;
}

/// <summary>A model whose feature schema differs from the running feature set's: it is not loaded.</summary>
public sealed class ModelSchemaException(string message) : Exception(message);
