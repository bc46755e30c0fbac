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
    /// <summary>Ambiguous: later occurrence. Skipped: first instant after the gap. (NodaTime's resolvers, for reference and tests.)</summary>
    public static readonly ZoneLocalMappingResolver WindowStart =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>Ambiguous: earlier occurrence. Skipped: first instant after the gap.</summary>
    public static readonly ZoneLocalMappingResolver WindowEnd =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    public static Instant StartOf(DateTimeZone zone, LocalDate date, long tickOfDay)
        => tickOfDay >= NodaConstants.TicksPerDay
            ? StartOfDay(zone, date.PlusDays(1))
            : Resolve(zone, date.At(LocalTime.FromTicksSinceMidnight(tickOfDay)), later: true);

    public static Instant EndOf(DateTimeZone zone, LocalDate date, long tickOfDay)
        => tickOfDay >= NodaConstants.TicksPerDay
            ? StartOfDay(zone, date.PlusDays(1))
            : Resolve(zone, date.At(LocalTime.FromTicksSinceMidnight(tickOfDay)), later: false);

    /// <summary>Offsets of a zone differ by less than this (NodaTime's lie within ±18 h).</summary>
    private static readonly Duration FarFromTransition = Duration.FromDays(2);

    /// <summary>The first instant of a local date (after a gap at midnight, the gap's end), as NodaTime's <c>AtStartOfDay</c>.</summary>
    public static Instant StartOfDay(DateTimeZone zone, LocalDate date) => Resolve(zone, date.AtMidnight(), later: false);

    /// <summary>
    /// The instant <paramref name="local"/> is read at in <paramref name="zone"/>: when it is read twice (an overlap) the
    /// later or earlier one as asked; when never (a gap) the first instant after the gap. Same answers as NodaTime's
    /// mapping resolvers, computed from the zone's cached intervals so that nothing is allocated.
    /// </summary>
    public static Instant Resolve(DateTimeZone zone, LocalDateTime local, bool later)
    {
        var asUtc = local.InUtc().ToInstant();

        // Far from a transition (offsets differ by less than two days), the interval around the local time read as UTC
        // is the only one that maps it: one interval lookup instead of four.
        var around = zone.GetZoneInterval(asUtc);
        var guess = asUtc - Span(around.WallOffset);
        if ((!around.HasStart || guess >= around.Start + FarFromTransition) && (!around.HasEnd || guess < around.End - FarFromTransition))
        {
            return guess;
        }

        var middle = zone.GetZoneInterval(asUtc - Span(around.WallOffset));
        var before = middle.HasStart ? zone.GetZoneInterval(middle.Start - Duration.Epsilon) : null;
        var after = middle.HasEnd ? zone.GetZoneInterval(middle.End) : null;

        Instant? first = null;
        Instant? last = null;
        Consider(before);
        Consider(middle);
        Consider(after);
        if (first is { } earliest)
        {
            return later ? last!.Value : earliest;
        }

        // Skipped: the first interval whose local start is after the local time begins where the gap ends.
        foreach (var interval in (ReadOnlySpan<ZoneInterval?>)[before, middle, after])
        {
            if (interval is not null && interval.HasStart && interval.Start + Span(interval.WallOffset) > asUtc)
            {
                return interval.Start;
            }
        }

        return zone.ResolveLocal(local, later ? WindowStart : WindowEnd).ToInstant();

        void Consider(ZoneInterval? interval)
        {
            if (interval is null)
            {
                return;
            }

            var candidate = asUtc - Span(interval.WallOffset);
            if ((!interval.HasStart || candidate >= interval.Start) && (!interval.HasEnd || candidate < interval.End))
            {
                if (first is null)
                {
                    first = candidate;
                }

                last = candidate;
            }
        }
    }

    private static Duration Span(Offset offset) => Duration.FromSeconds(offset.Seconds);

    public static LocalDate DateOf(DateTimeZone zone, Instant instant) => instant.InZone(zone).Date;

    public static LocalDate StartOfWeek(LocalDate date) => date.PlusDays(1 - (int)date.DayOfWeek);

    public static LocalDate StartOfMonth(LocalDate date) => new(date.Year, date.Month, 1);
}
