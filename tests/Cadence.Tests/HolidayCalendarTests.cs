using NodaTime;

namespace Cadence.Tests;

public sealed class HolidayCalendarTests
{
    [Fact]
    public void Union_HasTheHolidaysOfBoth()
    {
        var a = HolidayCalendar.FromDates("a", [new LocalDate(2026, 1, 1)]);
        var b = HolidayCalendar.FromDates("b", [new LocalDate(2026, 5, 9)]);

        var both = a.Union(b);

        Assert.True(both.IsHoliday(new LocalDate(2026, 1, 1)));
        Assert.True(both.IsHoliday(new LocalDate(2026, 5, 9)));
        Assert.False(both.IsHoliday(new LocalDate(2026, 5, 10)));
        Assert.Equal("a+b", both.Name);
        Assert.Same(a, a.Union(HolidayCalendar.Empty));
    }

    [Fact]
    public void Dates_AreInOrder()
    {
        var calendar = HolidayCalendar.FromDates("ru", [new LocalDate(2026, 6, 12), new LocalDate(2026, 1, 7), new LocalDate(2026, 3, 9)]);

        Assert.Equal([new LocalDate(2026, 1, 7), new LocalDate(2026, 3, 9), new LocalDate(2026, 6, 12)], calendar.Dates);
    }
}
