using System.Collections.Immutable;

namespace Cadence.Json;

/// <summary>The result of reading a holiday calendar file.</summary>
/// <param name="Calendar">The calendar; <see langword="null"/> when there were problems.</param>
/// <param name="Errors">Every problem, each with its JSON path and line.</param>
public sealed record HolidayCalendarReadResult(HolidayCalendar? Calendar, ImmutableArray<PolicyError> Errors);
