using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SidFlow.Core.Jobs;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Functions.Tests.Triggers;

/// <summary>The custom-handler path: this test plays the Functions host, delivering queue messages and timer ticks over HTTP.</summary>
public sealed class JobTriggerPathTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task QueueTrigger_HostDeliversMessages_JobCompletesAndFailingItemIsPoisoned()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RunningApp app = await RunningApp.StartAsync(azurite, new AppOptions
        {
            Configuration = AppOptions.FastJobs(),
            StandaloneTriggers = false,
        });
        string bad = NoopJobType.KeyOf(3);
        JobRecord job = await app.Jobs.SubmitAsync("noop", new JsonObject { ["items"] = 20, ["failKeys"] = new JsonArray(bad) }, JobPriority.High, "test", ct);
        QueueClient queue = app.Storage.Queue(app.Storage.Names.WorkQueue(JobPriority.High));
        QueueClient poison = app.Storage.Queue(app.Storage.Names.WorkQueue(JobPriority.High) + "-poison");
        int invocations = 0;

        DateTime deadline = DateTime.UtcNow + Long;
        while (!(await app.Jobs.GetAsync(job.Id, ct))!.Status.IsTerminal() && DateTime.UtcNow < deadline)
        {
            QueueMessage[] messages = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30), ct)).Value;
            foreach (QueueMessage m in messages)
            {
                var payload = new JsonObject
                {
                    ["Data"] = new JsonObject { ["msg"] = m.Body.ToString() },
                    ["Metadata"] = new JsonObject
                    {
                        ["DequeueCount"] = m.DequeueCount,
                        ["Id"] = m.MessageId,
                        ["PopReceipt"] = m.PopReceipt,
                        ["sys"] = new JsonObject { ["MethodName"] = "WorkP5", ["UtcNow"] = DateTime.UtcNow.ToString("O") },
                    },
                };
                HttpResponseMessage response = await app.Client.PostAsJsonAsync("/WorkP5", payload, ct);
                invocations++;
                JsonObject body = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
                Assert.NotNull(body["Logs"]);
                if (response.IsSuccessStatusCode)
                {
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
                }
                else if (m.DequeueCount >= 3)
                {
                    // What the host does after maxDequeueCount failed deliveries.
                    await poison.SendMessageAsync(m.Body.ToString(), ct);
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
                }
                else
                {
                    await queue.UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: ct);
                }
            }

            if (messages.Length == 0)
            {
                await Task.Delay(100, ct);
            }
        }

        JobRecord done = await app.WaitForEndAsync(job.Id, Long);
        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Contains(bad, done.Metadata.Error, StringComparison.Ordinal);
        JobCounters counters = await app.Services.GetRequiredService<IJobItemLedger>().GetCountersAsync(job.Id, ct);
        Assert.Equal((19L, 1L), (counters.Done, counters.Failed));
        Assert.Equal(1, (await poison.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount);
        Assert.True(invocations >= 5);
    }

    [Fact]
    public async Task TimerTrigger_Schedule_FiresOncePerOccurrenceAndOnceAfterDowntime()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 1, 58, 0, TimeSpan.Zero));
        string prefix = azurite.NewPrefix();
        var options = new AppOptions
        {
            Prefix = prefix,
            RunJobEngine = false,
            StandaloneTriggers = false,
            Configuration = new Dictionary<string, string?> { ["jobs:schedule:noop"] = "0 2 * * *" },
            ConfigureServices = s => s.AddSingleton<TimeProvider>(clock),
        };
        await using RunningApp first = await RunningApp.StartAsync(azurite, options);
        await using RunningApp second = await RunningApp.StartAsync(azurite, options);

        async Task<int> TickBothAsync()
        {
            HttpResponseMessage[] responses = await Task.WhenAll(
                first.Client.PostAsJsonAsync("/JobSchedule", TimerPayload(), ct),
                second.Client.PostAsJsonAsync("/JobSchedule", TimerPayload(), ct));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            return (await first.Jobs.ListAsync(null, "noop", false, ct)).Count;
        }

        Assert.Equal(0, await TickBothAsync());    // 01:58: first sighting, nothing due
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await TickBothAsync());    // 01:59
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await TickBothAsync());    // 02:01: the 02:00 occurrence, once across both instances
        Assert.Equal(1, await TickBothAsync());
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(2, await TickBothAsync());    // three missed occurrences: one catch-up run, not three
        Assert.Equal(2, await TickBothAsync());

        IReadOnlyList<JobRecord> jobs = await first.Jobs.ListAsync(null, "noop", false, ct);
        Assert.All(jobs, j => Assert.Equal(("schedule", JobPriority.Normal), (j.CreatedBy, j.Priority)));
    }

    private static JsonObject TimerPayload() => new()
    {
        ["Data"] = new JsonObject { ["timer"] = JsonNode.Parse("""{"Schedule":{},"ScheduleStatus":null,"IsPastDue":false}""") },
        ["Metadata"] = new JsonObject(),
    };
}
