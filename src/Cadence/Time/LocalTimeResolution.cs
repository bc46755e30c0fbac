using NodaTime;
using NodaTime.TimeZones;

namespace Cadence.Time;

/// <summary>
/// How local times are turned into instants, daylight-saving gaps and overlaps resolved explicitly and strictly:
/// a window opens at the first instant its start time is read on the clock (the <em>later</em> occurrence when the
/// time is repeated in an overlap, the end of the gap when it is skipped) and closes at the first instant its end time
/// is read (the <em>earlier</em> occurrence when repeated, the end of the gap when skipped). Every instant inside a
/// window therefore reads a local time inside it; the repeated hour may be excluded, never added.
/// </summary>
internal static class LocalTimeResolution
{
    /// <summary>Ambiguous: later occurrence. Skipped: first instant after the gap.</summary>
    public static readonly ZoneLocalMappingResolver WindowStart =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>Ambiguous: earlier occurrence. Skipped: first instant after the gap.</summary>
    public static readonly ZoneLocalMappingResolver WindowEnd =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    public static Instant StartOf(DateTimeZone zone, LocalDate date, long tickOfDay)
        => tickOfDay >= NodaConstants.TicksPerDay
            ? StartOfDay(zone, date.PlusDays(1))
            : zone.ResolveLocal(date.At(LocalTime.FromTicksSinceMidnight(tickOfDay)), WindowStart).ToInstant();

    public static Instant EndOf(DateTimeZone zone, LocalDate date, long tickOfDay)
        => tickOfDay >= NodaConstants.TicksPerDay
            ? StartOfDay(zone, date.PlusDays(1))
            : zone.ResolveLocal(date.At(LocalTime.FromTicksSinceMidnight(tickOfDay)), WindowEnd).ToInstant();

    /// <summary>The first instant of a local date (NodaTime's rule: after a gap at midnight, the gap's end).</summary>
    public static Instant StartOfDay(DateTimeZone zone, LocalDate date) => zone.AtStartOfDay(date).ToInstant();

    public static LocalDate DateOf(DateTimeZone zone, Instant instant) => instant.InZone(zone).Date;

    public static LocalDate StartOfWeek(LocalDate date) => date.PlusDays(1 - (int)date.DayOfWeek);

    public static LocalDate StartOfMonth(LocalDate date) => new(date.Year, date.Month, 1);
}
