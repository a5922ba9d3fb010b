using System.Globalization;
using System.Text.Json.Nodes;
using SidFlow.Core.Classification;
using SidFlow.Core.Feedback;

namespace SidFlow.Local.Cli;

/// <summary>
/// A listener population for <c>bench model</c> and the tests: every listener shares a hidden taste, a function of
/// a few features of the song (by their rank among the songs), and rates it with a little personal bias and
/// noise, rounded to whole stars. Implicit events follow a hidden appeal: a liked song is played through, liked,
/// replayed; a disliked one is skipped early, or late, and sometimes disliked. Seeded: the same seed, the same events.
/// </summary>
public sealed class SimulatedListeners
{
    private const double Spread = 2.0;
    private readonly IReadOnlyList<ClassificationRecord> _songs;
    private readonly Dictionary<string, Dictionary<string, double>> _ranks;
    private readonly double _noise;
    private readonly int _seed;

    /// <param name="noise">Standard deviation of a rating's noise, in stars (before rounding).</param>
    public SimulatedListeners(IReadOnlyList<ClassificationRecord> songs, int seed, double noise = 0.15)
    {
        if (songs.Count < 2)
        {
            throw new ArgumentException("a population needs at least two songs to have a taste", nameof(songs));
        }

        _songs = songs;
        _seed = seed;
        _noise = noise;
        _ranks = TasteFeatures.ToDictionary(f => f, f => Ranks(songs, f), StringComparer.Ordinal);
    }

    /// <summary>The features the hidden taste reads.</summary>
    public static IReadOnlyList<string> TasteFeatures { get; } = ["fluxMean", "rmsMeanDb", "centroidMean", "lowEnergyRatio", "distinctPitches", "entropyMean", "onsetDensity"];

    /// <summary>The population's true ratings of a song (1..5, not rounded).</summary>
    public Ratings TasteOf(ClassificationRecord song) => new(
        Stars(0.8 * Rank("fluxMean", song) + 0.2 * Rank("rmsMeanDb", song)),
        Stars(0.8 * Rank("centroidMean", song) - 0.2 * Rank("lowEnergyRatio", song)),
        Stars(0.8 * Rank("distinctPitches", song) + 0.2 * Rank("entropyMean", song)));

    /// <summary>How much the population likes a song, -1..+1.</summary>
    public double AppealOf(ClassificationRecord song) => Math.Clamp(0.7 * Rank("onsetDensity", song) + 0.3 * Rank("centroidMean", song), -1, 1);

    /// <summary>
    /// The events of <paramref name="listeners"/> listeners, each hearing <paramref name="songsPerListener"/> songs
    /// picked at random and rating each with probability <paramref name="rateShare"/> (else, implicit events only).
    /// </summary>
    public IEnumerable<FeedbackSubmission> Listen(int listeners, int songsPerListener, double rateShare, DateTimeOffset start, string listenerPrefix = "sim")
    {
        var random = new Random(_seed);
        DateTimeOffset at = start;
        for (int l = 0; l < listeners; l++)
        {
            string listener = $"{listenerPrefix}-{l:D5}";
            double bias = Normal(random) * 0.1;
            foreach (ClassificationRecord song in _songs.OrderBy(_ => random.Next()).Take(songsPerListener).ToArray())
            {
                at = at.AddSeconds(1);
                yield return Event(listener, song, FeedbackAction.Play, null, null, at);
                if (random.NextDouble() < rateShare)
                {
                    Ratings taste = TasteOf(song);
                    int Given(double stars) => (int)Math.Clamp(Math.Round(stars + bias + Normal(random) * _noise), 1, 5);
                    yield return Event(listener, song, FeedbackAction.Rate, new GivenRatings(Given(taste.E), Given(taste.M), Given(taste.C)), null, at.AddMilliseconds(500));
                }

                foreach (FeedbackSubmission e in Implicit(listener, song, AppealOf(song) + Normal(random) * 0.2, random, at))
                {
                    yield return e;
                }
            }
        }
    }

    /// <summary>The wire form the player sends.</summary>
    public static JsonObject ToJson(FeedbackSubmission e)
    {
        var json = new JsonObject
        {
            ["eventId"] = e.EventId.ToString(),
            ["listener"] = e.Listener,
            ["sidPath"] = e.SidPath,
            ["subtune"] = e.Subtune,
            ["action"] = System.Text.Json.JsonSerializer.Serialize(e.Action).Trim('"'),
            ["at"] = e.At.ToString("O", CultureInfo.InvariantCulture),
        };
        if (e.Ratings is { } r)
        {
            json["ratings"] = new JsonObject { ["e"] = r.E, ["m"] = r.M, ["c"] = r.C };
        }

        if (e.PositionSeconds is { } p)
        {
            json["positionSeconds"] = p;
        }

        return json;
    }

    /// <summary>Songs with every feature of the feature set drawn at random (for benchmarks that need no rendering).</summary>
    public static IReadOnlyList<ClassificationRecord> SyntheticSongs(int count, int seed, DateTimeOffset now)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new ClassificationRecord
        {
            Path = $"MUSICIANS/S/Synthetic/Song_{i:D5}.sid",
            Subtune = 1,
            Md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(BitConverter.GetBytes(i))),
            FeatureSetVersion = FeatureSet.Version,
            Features = FeatureSet.Names.ToDictionary(n => n, _ => Math.Round(Normal(random), 4), StringComparer.Ordinal),
            Renderer = "synthetic",
            AnalysisOffset = 0,
            AnalysisDuration = 0,
            LengthSource = "default",
            ClassifiedAt = now,
        }).ToArray();
    }

    private IEnumerable<FeedbackSubmission> Implicit(string listener, ClassificationRecord song, double appeal, Random random, DateTimeOffset at)
    {
        if (appeal > 0.2)
        {
            yield return Event(listener, song, FeedbackAction.PlayComplete, null, null, at.AddSeconds(0.7));
        }

        if (appeal > 0.55)
        {
            yield return Event(listener, song, FeedbackAction.Like, null, null, at.AddSeconds(0.8));
        }

        if (appeal > 0.8)
        {
            yield return Event(listener, song, FeedbackAction.Replay, null, null, at.AddSeconds(0.9));
        }

        if (appeal < -0.2)
        {
            // Songs of unknown length count as two minutes: 3 s is an early skip, 100 s a late one.
            yield return Event(listener, song, FeedbackAction.Skip, null, appeal < -0.5 ? 3 : 100 + random.Next(10), at.AddSeconds(0.7));
        }

        if (appeal < -0.75)
        {
            yield return Event(listener, song, FeedbackAction.Dislike, null, null, at.AddSeconds(0.8));
        }
    }

    private FeedbackSubmission Event(string listener, ClassificationRecord song, FeedbackAction action, GivenRatings? ratings, double? position, DateTimeOffset at)
    {
        Span<byte> id = stackalloc byte[16];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{_seed}|{listener}|{song.Key}|{action}|{at.UtcTicks}"))[..16].CopyTo(id);
        return new FeedbackSubmission(new Guid(id), listener, song.Path, song.Subtune, action, ratings, position, at);
    }

    /// <summary>Spreads a -1..+1 score over the stars so that extremes are common: 3 + 2·sign(s)·√|s|, within 1..5.</summary>
    private static double Stars(double score) => Math.Clamp(3 + Spread * Math.Sign(score) * Math.Sqrt(Math.Abs(score)), 1, 5);

    /// <summary>The song's rank among the songs by a feature, as -1..+1.</summary>
    private double Rank(string feature, ClassificationRecord song) => _ranks[feature].GetValueOrDefault(song.Key);

    private static Dictionary<string, double> Ranks(IReadOnlyList<ClassificationRecord> songs, string feature)
    {
        ClassificationRecord[] ordered = songs.OrderBy(s => s.Features.GetValueOrDefault(feature)).ThenBy(s => s.Key, StringComparer.Ordinal).ToArray();
        return ordered.Select((s, i) => (s.Key, Rank: 2.0 * i / (ordered.Length - 1) - 1)).ToDictionary(x => x.Key, x => x.Rank, StringComparer.Ordinal);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
