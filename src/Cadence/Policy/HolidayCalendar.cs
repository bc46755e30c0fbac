using System.Collections.Frozen;
using NodaTime;

namespace Cadence;

/// <summary>A holiday calendar made of a list of dates.</summary>
public sealed class HolidayCalendar : IHolidayCalendar, IEquatable<HolidayCalendar>
{
    private readonly FrozenSet<LocalDate> dates;

    private HolidayCalendar(string name, IEnumerable<LocalDate> dates)
    {
        Name = name;
        this.dates = dates.ToFrozenSet();
    }

    /// <summary>A calendar with no holidays.</summary>
    public static HolidayCalendar Empty { get; } = new("none", []);

    /// <summary>The calendar's name, e.g. <c>RU-2026</c>.</summary>
    public string Name { get; }

    /// <summary>Whether the calendar lists no holiday.</summary>
    public bool IsEmpty => dates.Count == 0;

    /// <summary>The holidays, in order.</summary>
    public IReadOnlyList<LocalDate> Dates => [.. dates.Order()];

    /// <summary>A calendar of the given dates.</summary>
    /// <param name="name">The calendar's name.</param>
    /// <param name="dates">The holidays.</param>
    /// <returns>The calendar.</returns>
    public static HolidayCalendar FromDates(string name, IEnumerable<LocalDate> dates)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(dates);
        return new HolidayCalendar(name, dates);
    }

    /// <summary>
    /// A calendar whose holidays are those of every one of <paramref name="calendars"/>: lists are merged, other
    /// implementations (a host's own calendar) are asked in turn.
    /// </summary>
    /// <param name="calendars">The calendars.</param>
    /// <returns>The combined calendar.</returns>
    public static IHolidayCalendar Combine(params IEnumerable<IHolidayCalendar> calendars)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        var lists = Empty;
        var others = new List<IHolidayCalendar>();
        foreach (var calendar in calendars.SelectMany(c => c is CombinedCalendar combined ? combined.Parts : [c]))
        {
            if (calendar is HolidayCalendar list)
            {
                lists = lists.Union(list);
            }
            else if (calendar is not null && !others.Contains(calendar))
            {
                others.Add(calendar);
            }
        }

        return others.Count == 0 ? lists : new CombinedCalendar([.. ReferenceEquals(lists, Empty) ? [] : new IHolidayCalendar[] { lists }, .. others]);
    }

    /// <summary>The union of this calendar and <paramref name="other"/>.</summary>
    /// <param name="other">Another calendar.</param>
    /// <returns>A calendar whose holidays are those of both.</returns>
    public HolidayCalendar Union(HolidayCalendar other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(other, Empty) ? this
            : ReferenceEquals(this, Empty) ? other
            : new HolidayCalendar($"{Name}+{other.Name}", dates.Concat(other.dates));
    }

    /// <inheritdoc />
    public bool IsHoliday(LocalDate date) => dates.Contains(date);

    /// <summary>Whether <paramref name="other"/> has the same name and dates.</summary>
    /// <param name="other">Another calendar.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(HolidayCalendar? other)
        => other is not null && (ReferenceEquals(this, other) || (Name == other.Name && dates.SetEquals(other.dates)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as HolidayCalendar);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, dates.Count);

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {string.Join(", ", Dates.Select(d => d.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}";

    private sealed class CombinedCalendar(IHolidayCalendar[] parts) : IHolidayCalendar
    {
        public IHolidayCalendar[] Parts { get; } = parts;

        public bool IsHoliday(LocalDate date) => Parts.Any(p => p.IsHoliday(date));

        public override string ToString() => string.Join(" + ", Parts.Select(p => p.ToString()));
    }
}
