using SidFlow.Pipeline.Orchestration;
using Xunit;

namespace SidFlow.Pipeline.Tests.Orchestration;

public sealed class IndexRangesTests
{
    [Fact]
    public void Add_IndicesInAnyOrder_MergesIntoTheFewestRanges()
    {
        var ranges = new List<IndexRange>();

        foreach (long i in new long[] { 5, 3, 4, 10, 11, 9, 0, 4, 6 })
        {
            IndexRanges.Add(ranges, i);
        }

        Assert.Equal([new IndexRange(0, 1), new IndexRange(3, 4), new IndexRange(9, 3)], ranges);
        Assert.Equal(8, IndexRanges.CountOf(ranges));
        Assert.Equal([0L, 3, 4, 5, 6, 9, 10, 11], IndexRanges.Indices(ranges));
    }

    [Fact]
    public void At_PositionAcrossRanges_IsTheIndexInReadingOrder()
    {
        IndexRange[] ranges = [new(2, 3), new(10, 2)];

        Assert.Equal([2L, 3, 4, 10, 11], Enumerable.Range(0, 5).Select(p => IndexRanges.At(ranges, p)));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndexRanges.At(ranges, 5));
    }
}
