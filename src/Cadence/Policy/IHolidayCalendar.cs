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
