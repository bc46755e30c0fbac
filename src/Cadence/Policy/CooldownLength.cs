using NodaTime;

namespace Cadence;

/// <summary>How long a cooldown lasts: a duration, or a number of local calendar days counting the trigger's day as day 1.</summary>
public sealed record CooldownLength
{
    private CooldownLength(Duration duration, int days)
    {
        Duration = duration;
        Days = days;
    }

    /// <summary>The duration, when the cooldown is a duration; otherwise zero.</summary>
    public Duration Duration { get; }

    /// <summary>The number of local days, when the cooldown is counted in days; otherwise zero.</summary>
    public int Days { get; }

    /// <summary>Whether the cooldown is counted in local calendar days.</summary>
    public bool IsCalendarDays => Days > 0;

    /// <summary>A cooldown of a fixed duration from the trigger.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The length.</returns>
    public static CooldownLength Of(Duration duration) => new(duration, 0);

    /// <summary>
    /// A cooldown of <paramref name="days"/> local calendar days, the trigger's day being day 1: it ends at the start
    /// of local day <c>trigger + days</c>.
    /// </summary>
    /// <param name="days">The number of days.</param>
    /// <returns>The length.</returns>
    public static CooldownLength CalendarDays(int days) => new(Duration.Zero, days);

    /// <inheritdoc />
    public override string ToString() => IsCalendarDays ? $"{Days} calendar days" : Duration.ToString();
}
