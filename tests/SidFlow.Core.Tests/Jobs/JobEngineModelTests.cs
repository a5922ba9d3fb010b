using System.Text.Json.Nodes;
using SidFlow.Core.Jobs;
using Xunit;

namespace SidFlow.Core.Tests.Jobs;

public sealed class JobEngineModelTests
{
    [Fact]
    public void JobShards_Of_IsStableAndSpreadsKeys()
    {
        // Fixed values: shards are persisted, so the function must never change.
        Assert.Equal(JobShards.Of("MUSICIANS/H/Hubbard_Rob/Delta.sid#1"), JobShards.Of("MUSICIANS/H/Hubbard_Rob/Delta.sid#1"));
        Assert.Equal(8, JobShards.Of("item-0000001")); // FNV-1a of the key, mod 32
        int[] counts = new int[JobShards.Count];
        for (int i = 0; i < 32_000; i++)
        {
            counts[JobShards.Of(NoopJobType.KeyOf(i))]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 700, 1300));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"job\":\"x\",\"shard\":99,\"keys\":[\"a\"],\"enqueuedAt\":1}")]
    [InlineData("{\"job\":\"x\",\"shard\":1,\"keys\":[],\"enqueuedAt\":1}")]
    [InlineData("{\"shard\":1,\"keys\":[\"a\"]}")]
    public void WorkMessage_TryParse_RefusesWhatIsNotOurs(string? text) => Assert.Null(WorkMessage.TryParse(text));

    [Fact]
    public void WorkMessage_RoundTrip_KeepsEveryField()
    {
        var message = new WorkMessage("classify-20261124-010203", 5, ["MUSICIANS/A/b.sid#2", "x"], 1_800_000_000_000);

        WorkMessage parsed = WorkMessage.TryParse(message.ToJson())!;

        Assert.Equal(message.JobId, parsed.JobId);
        Assert.Equal(message.Shard, parsed.Shard);
        Assert.Equal(message.Keys, parsed.Keys);
        Assert.Equal(message.EnqueuedAt, parsed.EnqueuedAt);
    }

    [Theory]
    [InlineData(1, 80, 120)]
    [InlineData(2, 160, 240)]
    [InlineData(3, 320, 480)]
    [InlineData(10, 4000, 6000)]
    public void BackoffFor_DequeueCount_DoublesUpToTheMaximum(long dequeueCount, double minMs, double maxMs)
    {
        var options = new JobOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromSeconds(5) };

        double ms = options.BackoffFor(dequeueCount).TotalMilliseconds;

        Assert.InRange(ms, minMs, maxMs);
    }

    [Fact]
    public void JobStatistics_From_CountsStatusesAndAveragesCompletedDurations()
    {
        JobRecord Job(JobStatus s, long? started = null, long? completed = null) =>
            new() { Id = Guid.NewGuid().ToString(), Type = "noop", Status = s, Priority = 1, CreatedAt = 0, StartedAt = started, CompletedAt = completed };

        JobStatistics stats = JobStatistics.From(
        [
            Job(JobStatus.Pending), Job(JobStatus.Running, 1), Job(JobStatus.Completed, 1000, 4000), Job(JobStatus.Completed, 0, 1000),
            Job(JobStatus.Failed, 0, 99_000), Job(JobStatus.Cancelled), Job(JobStatus.Paused, 5),
        ]);

        Assert.Equal(new JobStatistics(1, 1, 1, 2, 1, 1, 4000, 2000), stats);
    }

    [Fact]
    public void NoopJobType_NormalizeConfig_ValidatesAndFillsDefaults()
    {
        var type = new NoopJobType();

        JsonObject normalized = type.NormalizeConfig([]);

        Assert.Equal(10, normalized["items"]!.GetValue<int>());
        Assert.Equal(0, normalized["delayMs"]!.GetValue<int>());
        Assert.Throws<JobConfigException>(() => type.NormalizeConfig(new JsonObject { ["items"] = -1 }));
        Assert.Throws<JobConfigException>(() => type.NormalizeConfig(new JsonObject { ["items"] = "many" }));
        Assert.Throws<JobConfigException>(() => type.NormalizeConfig(new JsonObject { ["failKeys"] = "x" }));
    }

    [Fact]
    public void JobCounters_Pending_IsWhatIsNeitherRunningNorFinished()
    {
        var counters = new JobCounters(100, 10, 60, 5, null);

        Assert.Equal(25, counters.Pending);
        Assert.Equal(65, counters.Terminal);
        Assert.False(counters.Finished);
        Assert.True(new JobCounters(3, 0, 2, 1, null).Finished);
    }
}
