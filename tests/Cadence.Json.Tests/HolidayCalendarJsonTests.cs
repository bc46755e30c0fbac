using Cadence.Json.Tests.Support;
using System.Text;
using NodaTime;

namespace Cadence.Json.Tests;

public sealed class HolidayCalendarJsonTests
{
    [Fact]
    public void Load_RussianCalendar_HasTheMovedDaysOff()
    {
        var calendar = HolidayCalendarJson.Load(Path.Combine(Repository.Policies, "ru-2026.holidays.json"));

        Assert.Equal("RU-2026", calendar.Name);
        Assert.True(calendar.IsHoliday(new LocalDate(2026, 1, 9)));
        Assert.True(calendar.IsHoliday(new LocalDate(2026, 12, 31)));
        Assert.False(calendar.IsHoliday(new LocalDate(2026, 12, 30)));
    }

    [Fact]
    public void Read_BadAndRepeatedDates_ReportsEachWithItsLine()
    {
        const string json = """
            {
              "name": "X",
              "dates": [
                "2026-01-01",
                "2026-02-30",
                "2026-01-01"
              ]
            }
            """;

        var result = HolidayCalendarJson.Read(Encoding.UTF8.GetBytes(json));

        Assert.Null(result.Calendar);
        Assert.Equal(
            [
                "line 5, dates[1]: '2026-02-30' is not an ISO 8601 date such as 2026-03-14",
                "line 6, dates[2]: 2026-01-01 is listed twice",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Write_ThenRead_GivesAnEqualCalendar()
    {
        var calendar = HolidayCalendar.FromDates("UK-2026", [new LocalDate(2026, 12, 25), new LocalDate(2026, 12, 28)]);

        var json = HolidayCalendarJson.Write(calendar, "GB-ENG", "gov.uk bank holidays");

        Assert.Contains("\"region\": \"GB-ENG\"", json, StringComparison.Ordinal);
        Assert.Equal(calendar, HolidayCalendarJson.Read(Encoding.UTF8.GetBytes(json)).Calendar);
    }
}
