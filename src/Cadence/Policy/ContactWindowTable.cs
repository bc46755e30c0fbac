using Cadence.Time;
using NodaTime;

namespace Cadence;

/// <summary>
/// Turns a policy's contact windows into a <see cref="WindowTable"/>: for each channel and kind of day, the
/// intersection over every applicable window of the union of its ranges. Used by validation (is a channel ever
/// open?) and by the engine's compiled policy.
/// </summary>
internal static class ContactWindowTable
{
    private static readonly int Channels = Enum.GetValues<Channel>().Length;
    private static readonly TickRange[] WholeDay = [new(0, NodaConstants.TicksPerDay)];

    public static WindowTable Build(IReadOnlyList<ContactWindow> windows, IHolidayCalendar holidays)
        => new(
            Channels,
            (c, k) => Applicable(windows, c, k).Aggregate(WholeDay, (allowed, w) => TickRange.Intersect(allowed, TickRange.Union(w.Ranges.Select(r => new TickRange(r.StartTick, r.EndTick))))),
            (c, k) => [.. Applicable(windows, c, k).Select(w => w.Name)],
            holidays.IsHoliday);

    private static IEnumerable<ContactWindow> Applicable(IReadOnlyList<ContactWindow> windows, int channel, int kinds)
        => windows.Where(w => w.AppliesTo((Channel)channel) && ((int)w.Days & kinds) != 0);
}
