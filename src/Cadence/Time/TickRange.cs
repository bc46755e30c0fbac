namespace Cadence.Time;

/// <summary>A range of ticks of the day, <c>[Start, End)</c>; <c>End</c> may be a whole day's ticks.</summary>
/// <param name="Start">The first tick of the day in the range.</param>
/// <param name="End">The first tick of the day after the range.</param>
internal readonly record struct TickRange(long Start, long End)
{
    /// <summary>The sorted, disjoint union of <paramref name="ranges"/> (empty ranges dropped).</summary>
    public static TickRange[] Union(IEnumerable<TickRange> ranges)
    {
        var result = new List<TickRange>();
        foreach (var r in ranges.Where(r => r.End > r.Start).OrderBy(r => r.Start))
        {
            if (result.Count > 0 && r.Start <= result[^1].End)
            {
                result[^1] = result[^1] with { End = Math.Max(result[^1].End, r.End) };
            }
            else
            {
                result.Add(r);
            }
        }

        return [.. result];
    }

    /// <summary>The intersection of two sorted, disjoint lists of ranges.</summary>
    public static TickRange[] Intersect(TickRange[] a, TickRange[] b)
    {
        var result = new List<TickRange>();
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var start = Math.Max(a[i].Start, b[j].Start);
            var end = Math.Min(a[i].End, b[j].End);
            if (end > start)
            {
                result.Add(new TickRange(start, end));
            }

            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return [.. result];
    }
}
