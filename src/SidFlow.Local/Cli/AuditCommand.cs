using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SidFlow.Api.Operations;
using SidFlow.Core.Operations;

namespace SidFlow.Local.Cli;

/// <summary><c>./sidflow audit</c>: the admin audit trail, one JSON line per action, as stored.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var action = new Option<string?>("--action") { Description = "Only actions starting with this (e.g. model. or job.pause)" };
        var since = new Option<string?>("--since") { Description = "Only actions at or after this ISO 8601 time" };
        var limit = new Option<int>("--limit") { Description = $"At most this many of the newest (1..{AuditApi.MaxLimit})", DefaultValueFactory = _ => 100 };
        var command = new Command("audit", "Print the audit trail of admin actions (audit/admin-actions.jsonl), oldest first") { action, since, limit };
        command.SetAction(async (parse, ct) =>
        {
            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
                {
                    Console.Error.WriteLine("--since must be an ISO 8601 time");
                    return 2;
                }

                from = parsed;
            }

            int count = parse.GetValue(limit);
            if (count is < 1 or > AuditApi.MaxLimit)
            {
                Console.Error.WriteLine($"--limit must be 1..{AuditApi.MaxLimit}");
                return 2;
            }

            await using AppSession session = await AppSession.OpenAsync(LogLevel.Warning, ct);
            await using EngineSession client = await EngineSession.StartAsync(session, ct, runEngine: false);
            foreach (AuditEntry entry in await client.Services.GetRequiredService<IAuditLog>().ReadAsync(parse.GetValue(action), from, count, ct))
            {
                Console.WriteLine(JsonSerializer.Serialize(entry));
            }

            return 0;
        });
        return command;
    }
}
