namespace SidFlow.Pipeline.Orchestration;

/// <summary>Consecutive item indices <c>[Start, Start + Count)</c>: how sets of items stay small in orchestration state.</summary>
public readonly record struct IndexRange(long Start, long Count)
{
    public long End => Start + Count;
}

public static class IndexRanges
{
    public static long CountOf(IReadOnlyList<IndexRange> ranges) => ranges.Sum(r => r.Count);

    /// <summary>Adds one index to a sorted, non-overlapping list, merging neighbours; an index already in it changes nothing.</summary>
    public static void Add(List<IndexRange> ranges, long index)
    {
        int lo = 0, hi = ranges.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (ranges[mid].End <= index)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        // ranges[lo] is the first range ending after index.
        if (lo < ranges.Count && ranges[lo].Start <= index)
        {
            return;
        }

        bool joinsLeft = lo > 0 && ranges[lo - 1].End == index;
        bool joinsRight = lo < ranges.Count && ranges[lo].Start == index + 1;
        if (joinsLeft && joinsRight)
        {
            ranges[lo - 1] = new IndexRange(ranges[lo - 1].Start, ranges[lo - 1].Count + 1 + ranges[lo].Count);
            ranges.RemoveAt(lo);
        }
        else if (joinsLeft)
        {
            ranges[lo - 1] = ranges[lo - 1] with { Count = ranges[lo - 1].Count + 1 };
        }
        else if (joinsRight)
        {
            ranges[lo] = new IndexRange(index, ranges[lo].Count + 1);
        }
        else
        {
            ranges.Insert(lo, new IndexRange(index, 1));
        }
    }

    /// <summary>The index at a position of the list read in order (position 0 is the first index of the first range).</summary>
    public static long At(IReadOnlyList<IndexRange> ranges, long position)
    {
        foreach (IndexRange range in ranges)
        {
            if (position < range.Count)
            {
                return range.Start + position;
            }

            position -= range.Count;
        }

        throw new ArgumentOutOfRangeException(nameof(position), "past the end of the ranges");
    }

    public static IEnumerable<long> Indices(IReadOnlyList<IndexRange> ranges)
    {
        foreach (IndexRange range in ranges)
        {
            for (long i = range.Start; i < range.End; i++)
            {
                yield return i;
            }
        }
    }
}
