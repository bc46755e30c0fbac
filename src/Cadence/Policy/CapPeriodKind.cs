namespace Cadence;

/// <summary>The shape of the window a cap counts attempts in.</summary>
public enum CapPeriodKind
{
    /// <summary>A rolling duration ending at the instant considered, e.g. the last 24 hours.</summary>
    Rolling = 0,

    /// <summary>A sliding run of N local calendar days: the day considered and the N−1 days before it.</summary>
    SlidingDays,

    /// <summary>The local calendar day.</summary>
    CalendarDay,

    /// <summary>The local calendar week, Monday to Sunday.</summary>
    CalendarWeek,

    /// <summary>The local calendar month.</summary>
    CalendarMonth,
}
