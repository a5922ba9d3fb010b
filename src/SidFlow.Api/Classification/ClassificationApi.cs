using SidFlow.Api.Problems;
using SidFlow.Api.Security;
using SidFlow.Core.Classification;
using SidFlow.Core.Hvsc;
using SidFlow.Core.Render;

namespace SidFlow.Api.Classification;

/// <summary>Listener-facing: a song's classification, similar songs, and stations.</summary>
public static class ClassificationApi
{
    public static IEndpointRouteBuilder MapClassificationApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api").WithTags("Classification");
        group.MapGet("/classification", GetClassification).WithName(nameof(GetClassification))
            .WithSummary("Features and ratings of one song")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/similar", GetSimilar).WithName(nameof(GetSimilar))
            .WithSummary("The nearest songs by weighted cosine of rank-normalized features, the song itself excluded")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/station", GetStation).WithName(nameof(GetStation))
            .WithSummary("A playlist from a seed (PATH or PATH#n) within a mood")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapDelete("/api/admin/classifications", ClearClassifications).WithName(nameof(ClearClassifications)).WithTags("Classification").RequireAdminToken()
            .WithSummary("Delete the classifications of a file or folder (?sidPath=; all without it) so the next classify job redoes them; the similarity index is rebuilt")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    public static async Task<Results<Ok<ClassificationsCleared>, ProblemHttpResult>> ClearClassifications(string? sidPath, IClassificationStore store, ISimilarityIndexSource index, CancellationToken cancellationToken)
    {
        string path = string.Empty;
        if (!string.IsNullOrEmpty(sidPath) && !HvscPath.TryNormalizeRelative(sidPath, out path, out string? why))
        {
            return ApiProblems.BadRequest($"sidPath: {why}");
        }

        long removed = await store.DeleteAsync(path, cancellationToken);
        await index.RebuildAsync(cancellationToken);
        return TypedResults.Ok(new ClassificationsCleared(removed));
    }

    public static async Task<Results<Ok<ClassificationRecord>, ProblemHttpResult>> GetClassification(string? sidPath, int? subtune, IClassificationStore store, CancellationToken cancellationToken)
    {
        if (!HvscPath.TryNormalizeRelative(sidPath, out string path, out string? why))
        {
            return ApiProblems.BadRequest($"sidPath: {why}");
        }

        return await store.GetAsync(path, subtune ?? 1, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : ApiProblems.NotFound($"'{path}' #{subtune ?? 1} is not classified");
    }

    public static Results<Ok<SimilarSong[]>, ProblemHttpResult> GetSimilar(string? sidPath, int? subtune, int? limit, ISimilarityIndexSource index)
    {
        if (!HvscPath.TryNormalizeRelative(sidPath, out string path, out string? why))
        {
            return ApiProblems.BadRequest($"sidPath: {why}");
        }

        if (limit is < 1 or > 100)
        {
            return ApiProblems.BadRequest("limit must be 1..100");
        }

        SimilarityIndex current = index.Current;
        if (current.Find(path, subtune ?? 1) is not { } seed)
        {
            return ApiProblems.NotFound($"'{path}' #{subtune ?? 1} is not in the similarity index (not classified yet?)");
        }

        return TypedResults.Ok(current.Nearest(seed, limit ?? 20).Select(n => new SimilarSong(n.Song.Path, n.Song.Subtune, n.Song.Title, n.Song.Author, n.Similarity, n.Song.Ratings)).ToArray());
    }

    public static Results<Ok<Station>, ProblemHttpResult> GetStation(string? seed, int? size, string? mood, ISimilarityIndexSource index)
    {
        (string raw, int subtune) = SongKey.Parse(seed ?? string.Empty);
        if (!HvscPath.TryNormalizeRelative(raw, out string path, out string? why))
        {
            return ApiProblems.BadRequest($"seed: {why}");
        }

        if (size is < 1 or > 200)
        {
            return ApiProblems.BadRequest("size must be 1..200");
        }

        if (!StationBuilder.TryParse(mood, out StationMood parsed))
        {
            return ApiProblems.BadRequest("mood must be energetic, quiet, dark, bright, complex or ambient");
        }

        SimilarityIndex current = index.Current;
        if (current.Find(path, subtune) is not { } start)
        {
            return ApiProblems.NotFound($"'{path}' #{subtune} is not in the similarity index (not classified yet?)");
        }

        IReadOnlyList<SongVector> station = StationBuilder.Build(current, start, size ?? 30, parsed);
        return TypedResults.Ok(new Station(start.Key, parsed.ToString().ToLowerInvariant(),
            station.Select(s => new SimilarSong(s.Path, s.Subtune, s.Title, s.Author, SimilarityIndex.Cosine(start, s), s.Ratings)).ToArray()));
    }
}

public sealed record SimilarSong(string SidPath, int Subtune, string? Title, string? Author, double Similarity, Ratings? Ratings);

public sealed record Station(string Seed, string Mood, IReadOnlyList<SimilarSong> Songs);

public sealed record ClassificationsCleared(long Removed);
