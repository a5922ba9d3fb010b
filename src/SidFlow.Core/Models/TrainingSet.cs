using System.Security.Cryptography;
using System.Text;
using SidFlow.Core.Classification;
using SidFlow.Core.Feedback;

namespace SidFlow.Core.Models;

/// <summary>One listener's response to one song, with the song's features in <see cref="FeatureSet.Names"/> order.</summary>
public sealed record TrainingSample(string Listener, string SongKey, float[] Features, double? Energy, double? Mood, double? Complexity, double? Appeal, bool Explicit);

/// <summary>The samples of a training run, split by listener (never by event, so no listener's taste leaks into validation).</summary>
public sealed record TrainingSet(
    IReadOnlyList<TrainingSample> Training,
    IReadOnlyList<TrainingSample> Validation,
    int Events,
    int ExplicitEvents,
    int ImplicitEvents,
    DateTimeOffset? FirstEventAt,
    DateTimeOffset? LastEventAt,
    string Hash)
{
    /// <summary>Feedback joined with the classified features of the current feature set, by the rules of <see cref="TrainingRules"/>.</summary>
    public static TrainingSet Build(IEnumerable<FeedbackEvent> events, IReadOnlyDictionary<string, ClassificationRecord> classified,
        Func<string, double> songSeconds, double validationSplit, int seed)
    {
        var explicitByPair = new Dictionary<(string Listener, string Song), (FeedbackEvent? E, FeedbackEvent? M, FeedbackEvent? C)>();
        var appealByPair = new Dictionary<(string Listener, string Song), double>();
        var evidence = new Dictionary<string, double>(StringComparer.Ordinal);
        int count = 0, explicitCount = 0, implicitCount = 0;
        DateTimeOffset? first = null, last = null;
        foreach (FeedbackEvent e in events.OrderBy(e => e.At).ThenBy(e => e.EventId))
        {
            if (!classified.ContainsKey(e.SongKey))
            {
                continue;
            }

            count++;
            first ??= e.At;
            last = e.At;
            var pair = (e.Listener, e.SongKey);
            if (e.Action == FeedbackAction.Rate && e.Ratings is { } r)
            {
                explicitCount++;
                evidence[e.SongKey] = evidence.GetValueOrDefault(e.SongKey) + TrainingRules.ExplicitEvidence;
                (FeedbackEvent? E, FeedbackEvent? M, FeedbackEvent? C) latest = explicitByPair.GetValueOrDefault(pair);
                explicitByPair[pair] = (r.E is null ? latest.E : e, r.M is null ? latest.M : e, r.C is null ? latest.C : e);
            }
            else
            {
                implicitCount++;
                evidence[e.SongKey] = evidence.GetValueOrDefault(e.SongKey) + 1;
                appealByPair[pair] = appealByPair.GetValueOrDefault(pair) + TrainingRules.WeightOf(e.Action, e.PositionSeconds, songSeconds(e.SongKey));
            }
        }

        var samples = new List<TrainingSample>();
        foreach (var pair in explicitByPair.Keys.Union(appealByPair.Keys).OrderBy(p => p.Listener, StringComparer.Ordinal).ThenBy(p => p.Song, StringComparer.Ordinal))
        {
            if (evidence.GetValueOrDefault(pair.Song) < TrainingRules.MinEvidencePerSong)
            {
                continue;
            }

            (FeedbackEvent? e, FeedbackEvent? m, FeedbackEvent? c) = explicitByPair.GetValueOrDefault(pair);
            double? appeal = appealByPair.TryGetValue(pair, out double a) ? Math.Clamp(a, -1, 1) : null;
            samples.Add(new TrainingSample(pair.Listener, pair.Song, VectorOf(classified[pair.Song].Features),
                e?.Ratings!.E, m?.Ratings!.M, c?.Ratings!.C, appeal, e is not null || m is not null || c is not null));
        }

        HashSet<string> heldOut = HeldOutListeners(samples.Select(s => s.Listener), validationSplit, seed);
        List<TrainingSample> validation = samples.Where(s => heldOut.Contains(s.Listener)).ToList();
        List<TrainingSample> training = samples.Where(s => !heldOut.Contains(s.Listener)).ToList();
        return new TrainingSet(training, validation, count, explicitCount, implicitCount, first, last, HashOf(samples));
    }

    /// <summary>The features of a song in the model's order; a feature the song lacks reads 0.</summary>
    public static float[] VectorOf(IReadOnlyDictionary<string, double> features) =>
        FeatureSet.Names.Select(n => features.TryGetValue(n, out double v) && double.IsFinite(v) ? (float)v : 0f).ToArray();

    /// <summary>
    /// The share <paramref name="split"/> of the listeners (rounded, at least one when there are two or more),
    /// picked by a hash of each id and the seed: the same listeners for the same data and seed, and a validation
    /// set of the size asked for rather than of whatever size a per-listener coin toss gives.
    /// </summary>
    private static HashSet<string> HeldOutListeners(IEnumerable<string> listeners, double split, int seed)
    {
        string[] distinct = listeners.Distinct(StringComparer.Ordinal).ToArray();
        int count = distinct.Length < 2 ? 0 : Math.Clamp((int)Math.Round(split * distinct.Length), 1, distinct.Length - 1);
        return distinct
            .OrderBy(l => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{l}"))), StringComparer.Ordinal)
            .ThenBy(l => l, StringComparer.Ordinal)
            .Take(count)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string HashOf(IEnumerable<TrainingSample> samples)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (TrainingSample s in samples)
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{s.Listener}|{s.SongKey}|{s.Energy}|{s.Mood}|{s.Complexity}|{s.Appeal}\n"));
            foreach (float f in s.Features)
            {
                sha.AppendData(BitConverter.GetBytes(f));
            }
        }

        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
