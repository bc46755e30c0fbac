using System.Collections.Frozen;
using NodaTime;

namespace Cadence;

/// <summary>Tells which local dates are public holidays.</summary>
/// <remarks>Implementations must be immutable and thread-safe.</remarks>
public interface IHolidayCalendar
{
    /// <summary>Whether <paramref name="date"/> is a holiday.</summary>
    /// <param name="date">A local date.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    bool IsHoliday(LocalDate date);
}

/// <summary>A holiday calendar made of a list of dates.</summary>
public sealed class HolidayCalendar : IHolidayCalendar
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
}
