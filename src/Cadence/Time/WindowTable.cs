using NodaTime;

namespace Cadence.Time;

/// <summary>
/// Allowed local times, precomputed once per channel and kind of day as sorted, disjoint tick ranges, and the search
/// for the next instant inside them in a zone. It knows nothing of policies: channels are numbers, kinds of day are
/// the flags below (a holiday is also its weekday kind), ranges are ticks of the day.
/// </summary>
internal sealed class WindowTable
{
    /// <summary>Monday to Friday.</summary>
    public const int Weekday = 1;

    /// <summary>Saturday.</summary>
    public const int Saturday = 2;

    /// <summary>Sunday.</summary>
    public const int Sunday = 4;

    /// <summary>A holiday.</summary>
    public const int Holiday = 8;

    /// <summary>How many combinations of the kind flags there are.</summary>
    public const int KindCombinations = 16;

    private readonly TickRange[][] ranges;
    private readonly string[][] names;
    private readonly Func<LocalDate, bool> isHoliday;

    /// <summary>Makes a table.</summary>
    /// <param name="channels">How many channels there are.</param>
    /// <param name="allowed">The allowed ranges of a channel on a combination of kinds of day (sorted, disjoint).</param>
    /// <param name="names">The names of the windows that constrain a channel on such a day.</param>
    /// <param name="isHoliday">Whether a local date is a holiday.</param>
    public WindowTable(int channels, Func<int, int, TickRange[]> allowed, Func<int, int, string[]> names, Func<LocalDate, bool> isHoliday)
    {
        this.isHoliday = isHoliday;
        ranges = new TickRange[channels * KindCombinations][];
        this.names = new string[channels * KindCombinations][];
        for (var c = 0; c < channels; c++)
        {
            for (var k = 0; k < KindCombinations; k++)
            {
                ranges[(c * KindCombinations) + k] = allowed(c, k);
                this.names[(c * KindCombinations) + k] = names(c, k);
            }
        }
    }

    /// <summary>The kinds of <paramref name="date"/>: its weekday kind, and <see cref="Holiday"/> when it is one.</summary>
    public int KindsOf(LocalDate date)
    {
        var kind = date.DayOfWeek switch
        {
            IsoDayOfWeek.Saturday => Saturday,
            IsoDayOfWeek.Sunday => Sunday,
            _ => Weekday,
        };
        return isHoliday(date) ? kind | Holiday : kind;
    }

    /// <summary>The allowed ranges of <paramref name="channel"/> on a day of <paramref name="kinds"/>.</summary>
    public ReadOnlySpan<TickRange> RangesFor(int channel, int kinds) => ranges[(channel * KindCombinations) + kinds];

    /// <summary>The names of the windows that constrain <paramref name="channel"/> on such a day.</summary>
    public IReadOnlyList<string> NamesFor(int channel, int kinds) => names[(channel * KindCombinations) + kinds];

    /// <summary>Whether <paramref name="channel"/> is open at some time of a weekday, a Saturday or a Sunday.</summary>
    public bool IsEverOpen(int channel)
        => RangesFor(channel, Weekday).Length > 0 || RangesFor(channel, Saturday).Length > 0 || RangesFor(channel, Sunday).Length > 0;

    /// <summary>
    /// The earliest instant <c>&gt;= t</c> and <c>&lt;= limit</c> inside the channel's window in <paramref name="zone"/>,
    /// or <see langword="null"/> when there is none.
    /// </summary>
    public Instant? NextOpen(DateTimeZone zone, int channel, Instant t, Instant limit)
    {
        // The day before t's local date needs no look: its ranges end at the latest when t's day starts.
        var date = LocalTimeResolution.DateOf(zone, t);
        while (true)
        {
            foreach (var range in RangesFor(channel, KindsOf(date)))
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
    public bool IsOpen(DateTimeZone zone, int channel, Instant t) => NextOpen(zone, channel, t, t) == t;
}
