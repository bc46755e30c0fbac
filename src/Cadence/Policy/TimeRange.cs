using System.Globalization;
using NodaTime;

namespace Cadence;

/// <summary>
/// A range of local times <c>[Start, End)</c> within one day. An <see cref="End"/> of midnight means the end of
/// the day, so <c>00:00–00:00</c> is the whole day.
/// </summary>
/// <param name="Start">The first allowed local time.</param>
/// <param name="End">The first local time no longer allowed; midnight for the end of the day.</param>
public readonly record struct TimeRange(LocalTime Start, LocalTime End)
{
    /// <summary>The whole day.</summary>
    public static TimeRange WholeDay { get; } = new(LocalTime.Midnight, LocalTime.Midnight);

    /// <summary>Whether the range is well-formed: it ends after it starts, or at the end of the day.</summary>
    public bool IsValid => End == LocalTime.Midnight || End > Start;

    internal long StartTick => Start.TickOfDay;

    internal long EndTick => End == LocalTime.Midnight ? NodaConstants.TicksPerDay : End.TickOfDay;

    /// <summary>Makes a range from hours and minutes, e.g. <c>TimeRange.Of(8, 0, 21, 0)</c>.</summary>
    /// <param name="startHour">Start hour, 0–23.</param>
    /// <param name="startMinute">Start minute.</param>
    /// <param name="endHour">End hour, 0–24 (24 is the end of the day).</param>
    /// <param name="endMinute">End minute.</param>
    /// <returns>The range.</returns>
    public static TimeRange Of(int startHour, int startMinute, int endHour, int endMinute)
        => new(new LocalTime(startHour, startMinute), endHour == 24 && endMinute == 0 ? LocalTime.Midnight : new LocalTime(endHour, endMinute));

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Start:HH:mm}–{(End == LocalTime.Midnight ? "24:00" : End.ToString("HH:mm", CultureInfo.InvariantCulture))}");
}
