using System.Collections.Immutable;
using NodaTime;

namespace Cadence.Time;

/// <summary>A range of ticks of the day, <c>[Start, End)</c>; <c>End</c> may be a whole day's ticks.</summary>
internal readonly record struct TickRange(long Start, long End);

/// <summary>
/// A policy's contact windows, precomputed once per channel and kind of day as sorted, disjoint tick ranges: the
/// intersection over every applicable window of the union of its ranges.
/// </summary>
internal sealed class WindowTable
{
    private const int KindCombinations = 16;
    private static readonly int ChannelCount = Enum.GetValues<Channel>().Length;
    private static readonly TickRange[] WholeDay = [new(0, NodaConstants.TicksPerDay)];
    private readonly TickRange[][] ranges;
    private readonly string[][] names;
    private readonly IHolidayCalendar holidays;

    public WindowTable(IEnumerable<ContactWindow> windows, IHolidayCalendar holidays)
    {
        this.holidays = holidays;
        var list = windows.ToList();
        ranges = new TickRange[ChannelCount * KindCombinations][];
        names = new string[ChannelCount * KindCombinations][];
        for (var c = 0; c < ChannelCount; c++)
        {
            for (var k = 0; k < KindCombinations; k++)
            {
                var applicable = list.Where(w => w.AppliesTo((Channel)c) && (w.Days & (DayKinds)k) != 0).ToList();
                TickRange[] allowed = WholeDay;
                foreach (var w in applicable)
                {
                    allowed = Intersect(allowed, Union(w.Ranges));
                }

                ranges[(c * KindCombinations) + k] = allowed;
                names[(c * KindCombinations) + k] = [.. applicable.Select(w => w.Name)];
            }
        }
    }

    public DayKinds KindsOf(LocalDate date)
    {
        var kind = date.DayOfWeek switch
        {
            IsoDayOfWeek.Saturday => DayKinds.Saturday,
            IsoDayOfWeek.Sunday => DayKinds.Sunday,
            _ => DayKinds.Weekday,
        };
        return holidays.IsHoliday(date) ? kind | DayKinds.Holiday : kind;
    }

    public ReadOnlySpan<TickRange> RangesFor(Channel channel, DayKinds kinds) => ranges[((int)channel * KindCombinations) + (int)kinds];

    /// <summary>The names of the windows that constrain <paramref name="channel"/> on such a day.</summary>
    public IReadOnlyList<string> NamesFor(Channel channel, DayKinds kinds) => names[((int)channel * KindCombinations) + (int)kinds];

    public bool IsEverOpen(Channel channel)
        => RangesFor(channel, DayKinds.Weekday).Length > 0
           || RangesFor(channel, DayKinds.Saturday).Length > 0
           || RangesFor(channel, DayKinds.Sunday).Length > 0;

    /// <summary>
    /// The earliest instant <c>&gt;= t</c> and <c>&lt;= limit</c> inside the channel's window in <paramref name="zone"/>,
    /// or <see langword="null"/> when there is none.
    /// </summary>
    public Instant? NextOpen(DateTimeZone zone, Channel channel, Instant t, Instant limit)
    {
        // The day before t's local date needs no look: its ranges end at the latest when t's day starts.
        var date = LocalTimeResolution.DateOf(zone, t);
        while (true)
        {
            var dayRanges = RangesFor(channel, KindsOf(date));
            foreach (var range in dayRanges)
            {
                var start = LocalTimeResolution.StartOf(zone, date, range.Start);
                if (start > limit)
                {
                    return null;
                }

                var end = LocalTimeResolution.EndOf(zone, date, range.End);
                if (end > t && end > start)
                {
                    return start > t ? start : t;
                }
            }

            date = date.PlusDays(1);
            if (LocalTimeResolution.StartOfDay(zone, date) > limit)
            {
                return null;
            }
        }
    }

    /// <summary>Whether <paramref name="t"/> is inside the channel's window in <paramref name="zone"/>.</summary>
    public bool IsOpen(DateTimeZone zone, Channel channel, Instant t) => NextOpen(zone, channel, t, t) == t;

    private static TickRange[] Union(ImmutableArray<TimeRange> input)
    {
        var sorted = input.Select(r => new TickRange(r.StartTick, r.EndTick)).Where(r => r.End > r.Start).OrderBy(r => r.Start).ToList();
        var result = new List<TickRange>();
        foreach (var r in sorted)
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

    private static TickRange[] Intersect(TickRange[] a, TickRange[] b)
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
