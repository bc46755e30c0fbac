using System.Globalization;
using NodaTime;

namespace Cadence;

/// <summary>The window a cap counts attempts in. Local days are those of the borrower's first zone.</summary>
public sealed record CapPeriod
{
    private CapPeriod(CapPeriodKind kind, Duration length, int days)
    {
        Kind = kind;
        Length = length;
        Days = days;
    }

    /// <summary>The shape.</summary>
    public CapPeriodKind Kind { get; }

    /// <summary>For <see cref="CapPeriodKind.Rolling"/>: the duration.</summary>
    public Duration Length { get; }

    /// <summary>For <see cref="CapPeriodKind.SlidingDays"/>: the number of days.</summary>
    public int Days { get; }

    /// <summary>The calendar day.</summary>
    public static CapPeriod CalendarDay { get; } = new(CapPeriodKind.CalendarDay, Duration.Zero, 0);

    /// <summary>The calendar week starting on Monday.</summary>
    public static CapPeriod CalendarWeek { get; } = new(CapPeriodKind.CalendarWeek, Duration.Zero, 0);

    /// <summary>The calendar month.</summary>
    public static CapPeriod CalendarMonth { get; } = new(CapPeriodKind.CalendarMonth, Duration.Zero, 0);

    /// <summary>A rolling duration, e.g. 24 hours.</summary>
    /// <param name="length">The duration.</param>
    /// <returns>The period.</returns>
    public static CapPeriod Rolling(Duration length) => new(CapPeriodKind.Rolling, length, 0);

    /// <summary>A sliding run of <paramref name="days"/> local calendar days (Regulation F's "7 consecutive days").</summary>
    /// <param name="days">The number of days.</param>
    /// <returns>The period.</returns>
    public static CapPeriod SlidingDays(int days) => new(CapPeriodKind.SlidingDays, Duration.Zero, days);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        CapPeriodKind.Rolling => string.Create(CultureInfo.InvariantCulture, $"rolling {Length}"),
        CapPeriodKind.SlidingDays => string.Create(CultureInfo.InvariantCulture, $"{Days} consecutive days"),
        CapPeriodKind.CalendarDay => "calendar day",
        CapPeriodKind.CalendarWeek => "calendar week",
        _ => "calendar month",
    };
}
