using SidFlow.Core.Jobs;
using Xunit;

namespace SidFlow.Core.Tests.Jobs;

public sealed class JobStatisticsTests
{
    [Fact]
    public void From_JobsInEveryStatus_CountsStatusesAndAveragesCompletedDurations()
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
    public void ProgressOf_Counters_GivesPercentAndFilesOnlyForFileJobs()
    {
        var counters = new JobCounters(200, 120, 30);

        JobProgress files = JobProgress.Of(counters, countsFiles: true, "x");
        JobProgress items = JobProgress.Of(counters, countsFiles: false, null);

        Assert.Equal((150L, 200L, 75.0, 150L, 200L, 30L), (files.Current, files.Total, files.PercentComplete, files.ProcessedFiles!.Value, files.TotalFiles!.Value, files.FailedItems!.Value));
        Assert.Null(items.ProcessedFiles);
        Assert.False(counters.Finished);
        Assert.True(new JobCounters(3, 2, 1).Finished);
    }

    [Theory]
    [InlineData("noop-20261201-101010", true)]
    [InlineData("noop-20261201-101010-12", true)]
    [InlineData("pipeline-20261201-101010-s2", true)]
    [InlineData("pipeline-20261201-101010-3-s1", true)]
    [InlineData("../etc/passwd", false)]
    [InlineData("noop-2026-101010", false)]
    [InlineData("Noop-20261201-101010", false)]
    public void JobIds_IsWellFormed_AcceptsJobAndStageIdsOnly(string id, bool expected) => Assert.Equal(expected, JobIds.IsWellFormed(id));
}
