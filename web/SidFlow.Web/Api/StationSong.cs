namespace SidFlow.Web.Api;

/// <summary>One song of a station (GET /api/station).</summary>
public sealed record StationSong(string SidPath, int Subtune, string? Title, string? Author, double Similarity);

/// <summary>GET /api/station's answer.</summary>
public sealed record StationPlaylist(string Seed, string Mood, IReadOnlyList<StationSong> Songs);
