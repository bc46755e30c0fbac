using Cadence.Time;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Time;

public sealed class WindowTableTests
{
    private static readonly DateTimeZone Moscow = DateTimeZoneProviders.Tzdb["Europe/Moscow"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static WindowTable FederalLaw230(params LocalDate[] holidays) => ContactWindowTable.Build(
        [
            new ContactWindow("weekdays", DayKinds.Weekday, [TimeRange.Of(8, 0, 22, 0)], []),
            new ContactWindow("weekends-holidays", DayKinds.Weekend | DayKinds.Holiday, [TimeRange.Of(9, 0, 20, 0)], []),
        ],
        HolidayCalendar.FromDates("test", holidays));

    [Fact]
    public void NextOpen_InsideTheWindow_IsTheSameInstant()
    {
        var t = Local("Europe/Moscow", 2026, 6, 17, 12);

        Assert.Equal(t, FederalLaw230().NextOpen(Moscow, (int)Channel.Sms, t, t + Duration.FromDays(30)));
    }

    [Fact]
    public void NextOpen_SaturdayEvening_IsSundayMorningAtNine()
    {
        var saturday = Local("Europe/Moscow", 2026, 6, 20, 20, 30);

        Assert.Equal(Local("Europe/Moscow", 2026, 6, 21, 9), FederalLaw230().NextOpen(Moscow, (int)Channel.Sms, saturday, saturday + Duration.FromDays(30)));
    }

    [Fact]
    public void NextOpen_WeekdayNightBeforeAHoliday_IsNineOnTheHoliday()
    {
        var evening = Local("Europe/Moscow", 2026, 6, 11, 22, 30);
        var table = FederalLaw230(new LocalDate(2026, 6, 12));

        Assert.Equal(Local("Europe/Moscow", 2026, 6, 12, 9), table.NextOpen(Moscow, (int)Channel.Sms, evening, evening + Duration.FromDays(30)));
        Assert.Equal(Local("Europe/Moscow", 2026, 6, 11, 8), FederalLaw230().NextOpen(Moscow, (int)Channel.Sms, Local("Europe/Moscow", 2026, 6, 11, 3), evening));
    }

    [Fact]
    public void KindsOf_HolidayOnASaturday_IsBoth()
    {
        Assert.Equal(DayKinds.Saturday | DayKinds.Holiday, (DayKinds)FederalLaw230(new LocalDate(2026, 6, 13)).KindsOf(new LocalDate(2026, 6, 13)));
    }

    [Fact]
    public void NextOpen_ChannelWindowsIntersectWithGeneralOnes()
    {
        var table = ContactWindowTable.Build(
            [
                new ContactWindow("general", DayKinds.All, [TimeRange.Of(8, 0, 21, 0)], []),
                new ContactWindow("calls", DayKinds.All, [TimeRange.Of(6, 0, 9, 0), TimeRange.Of(17, 0, 23, 0)], [Channel.Call]),
            ],
            HolidayCalendar.Empty);
        var t = At("2026-06-15T10:00:00Z");
        var utc = DateTimeZone.Utc;

        Assert.Equal(At("2026-06-15T17:00:00Z"), table.NextOpen(utc, (int)Channel.Call, t, t + Duration.FromDays(2)));
        Assert.Equal(t, table.NextOpen(utc, (int)Channel.Sms, t, t + Duration.FromDays(2)));
        Assert.Equal(At("2026-06-16T08:00:00Z"), table.NextOpen(utc, (int)Channel.Call, At("2026-06-15T21:00:00Z"), t + Duration.FromDays(2)));
    }

    [Fact]
    public void NextOpen_BeyondTheLimit_IsNull()
    {
        var t = Local("Europe/Moscow", 2026, 6, 20, 20, 30);

        Assert.Null(FederalLaw230().NextOpen(Moscow, (int)Channel.Sms, t, t + Duration.FromHours(12)));
    }

    [Fact]
    public void NextOpen_WindowOpeningInsideASpringForwardGap_OpensWhenTheGapEnds()
    {
        // 2026-03-08 in New York: 02:00 EST jumps to 03:00 EDT, so 02:30 never happens.
        var table = ContactWindowTable.Build([new ContactWindow("late-night", DayKinds.All, [TimeRange.Of(2, 30, 5, 0)], [])], HolidayCalendar.Empty);
        var t = At("2026-03-08T05:00:00Z"); // 00:00 EST

        var open = table.NextOpen(NewYork, (int)Channel.Call, t, t + Duration.FromDays(1));

        Assert.Equal(At("2026-03-08T07:00:00Z"), open); // 03:00 EDT, the first instant after the gap
        Assert.Equal(new LocalTime(3, 0), open!.Value.InZone(NewYork).TimeOfDay);
    }

    [Fact]
    public void NextOpen_WindowOpeningInsideAFallBackOverlap_OpensAtTheLaterOccurrence()
    {
        // 2026-11-01 in New York: 02:00 EDT falls back to 01:00 EST, so 01:30 happens twice.
        var table = ContactWindowTable.Build([new ContactWindow("late-night", DayKinds.All, [TimeRange.Of(1, 30, 5, 0)], [])], HolidayCalendar.Empty);
        var t = At("2026-11-01T04:00:00Z"); // 00:00 EDT

        Assert.Equal(At("2026-11-01T06:30:00Z"), table.NextOpen(NewYork, (int)Channel.Call, t, t + Duration.FromDays(1))); // 01:30 EST
        Assert.False(table.IsOpen(NewYork, (int)Channel.Call, At("2026-11-01T05:45:00Z"))); // the first 01:45 (EDT) is excluded
        Assert.True(table.IsOpen(NewYork, (int)Channel.Call, At("2026-11-01T06:45:00Z"))); // the second 01:45 (EST)
    }

    [Fact]
    public void IsOpen_WindowClosingInsideASpringForwardGap_ClosesWhenTheGapEnds()
    {
        // 2026-03-08 in New York: 02:00 EST jumps to 03:00 EDT; a window to 02:30 closes at the jump.
        var table = ContactWindowTable.Build([new ContactWindow("night", DayKinds.All, [TimeRange.Of(1, 0, 2, 30)], [])], HolidayCalendar.Empty);

        Assert.True(table.IsOpen(NewYork, (int)Channel.Call, At("2026-03-08T06:59:00Z"))); // 01:59 EST
        Assert.False(table.IsOpen(NewYork, (int)Channel.Call, At("2026-03-08T07:00:00Z"))); // 03:00 EDT
    }

    [Fact]
    public void IsOpen_WindowClosingInsideAFallBackOverlap_ClosesAtTheEarlierOccurrence()
    {
        var table = ContactWindowTable.Build([new ContactWindow("night", DayKinds.All, [TimeRange.Of(0, 0, 1, 30)], [])], HolidayCalendar.Empty);

        Assert.True(table.IsOpen(NewYork, (int)Channel.Call, At("2026-11-01T05:29:00Z"))); // 01:29 EDT
        Assert.False(table.IsOpen(NewYork, (int)Channel.Call, At("2026-11-01T05:30:00Z"))); // 01:30 EDT: closed
        Assert.False(table.IsOpen(NewYork, (int)Channel.Call, At("2026-11-01T06:10:00Z"))); // 01:10 EST, the repeated hour: stays closed
    }
}
