using System.Globalization;

namespace SidFlow.Core.Models;

/// <summary>
/// The guide's evaluation of a model against a baseline (the production model, else the heuristic) on the same
/// held-out listeners, with each quality gate passed or failed.
/// </summary>
public sealed record ModelEvaluation(
    string ModelVersion,
    ModelMetrics Metrics,
    EvaluationBaseline Baseline,
    IReadOnlyList<QualityGate> Gates,
    IReadOnlyList<string> Recommendations,
    bool Passed)
{
    public const double MaxMae = 0.4;
    public const double MinR2 = 0.8;
    public const double MaxValidationGap = 0.10;

    public IEnumerable<string> FailedGates => Gates.Where(g => !g.Passed).Select(g => g.Name);

    public static ModelEvaluation Of(string version, ModelMetrics metrics, EvaluationBaseline baseline)
    {
        string F(double d) => d.ToString("0.###", CultureInfo.InvariantCulture);
        double gap = metrics.Mae > 0 ? Math.Abs(metrics.ValidationMae - metrics.Mae) / metrics.Mae : 0;
        QualityGate[] gates =
        [
            new("mae", metrics.ValidationMae < MaxMae, $"validation MAE {F(metrics.ValidationMae)} {(metrics.ValidationMae < MaxMae ? "below" : "not below")} {F(MaxMae)}"),
            new("r2", metrics.ValidationR2 > MinR2, $"validation R² {F(metrics.ValidationR2)} {(metrics.ValidationR2 > MinR2 ? "above" : "not above")} {F(MinR2)}"),
            new("validationGap", gap <= MaxValidationGap, $"validation MAE within {F(100 * gap)}% of training MAE (at most {F(100 * MaxValidationGap)}%)"),
            new("baseline", metrics.ValidationMae < baseline.Mae, $"MAE {F(metrics.ValidationMae)} against {F(baseline.Mae)} of the {baseline.Source}"),
        ];
        bool passed = gates.All(g => g.Passed);
        var recommendations = gates.Select(g => (g.Passed ? "✓ " : "✗ ") + g.Detail).ToList();
        recommendations.Add(passed ? "✓ Ready for approval" : "✗ Not ready: approve only with force and notes");
        return new ModelEvaluation(version, metrics, baseline, gates, recommendations, passed);
    }
}

/// <param name="Improvement">How much lower the model's validation MAE is, as the guide writes it ("15.6%").</param>
public sealed record EvaluationBaseline(string Source, double Mae, double R2, string Improvement);

public sealed record QualityGate(string Name, bool Passed, string Detail);
