using Cadence.Tests.Support;
using NodaTime;

namespace Cadence.Tests.Policy;

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
    public void Combine_AHostsOwnCalendarWithALists_AsksBoth()
    {
        var combined = HolidayCalendar.Combine(HolidayCalendar.FromDates("list", [new LocalDate(2026, 1, 1)]), new FirstMondays());

        Assert.True(combined.IsHoliday(new LocalDate(2026, 1, 1)));
        Assert.True(combined.IsHoliday(new LocalDate(2026, 6, 1)));
        Assert.False(combined.IsHoliday(new LocalDate(2026, 6, 8)));
        Assert.IsType<HolidayCalendar>(HolidayCalendar.Combine(HolidayCalendar.Empty, HolidayCalendar.FromDates("only", [])));
    }

    [Fact]
    public void WithHolidays_AHostsOwnCalendar_ShapesTheContactWindows()
    {
        var policy = CadencePolicy.CreateBuilder("host-calendar")
            .WithDefaultZone("UTC")
            .AddStep(CadenceStep.Contact("sms", Channel.Sms, "t", 0, 30))
            .AddWindow("every-day", DayKinds.All, TimeRange.Of(8, 0, 21, 0))
            .AddWindow("holidays", DayKinds.Holiday, TimeRange.Of(12, 0, 14, 0))
            .WithHolidays(new FirstMondays())
            .Build();
        var account = new BorrowerState("A") { DueDate = new LocalDate(2026, 5, 25), ContactPoints = [new ContactPoint(Channel.Sms)] };

        var d = new BothEvaluators(policy).Evaluate(account, Instant.FromUtc(2026, 6, 1, 9, 0)); // the first Monday of June

        Assert.Equal(Instant.FromUtc(2026, 6, 1, 12, 0), d.NotBefore);
    }

    [Fact]
    public void Dates_AreInOrder()
    {
        var calendar = HolidayCalendar.FromDates("ru", [new LocalDate(2026, 6, 12), new LocalDate(2026, 1, 7), new LocalDate(2026, 3, 9)]);

        Assert.Equal([new LocalDate(2026, 1, 7), new LocalDate(2026, 3, 9), new LocalDate(2026, 6, 12)], calendar.Dates);
    }

    private sealed class FirstMondays : IHolidayCalendar
    {
        public bool IsHoliday(LocalDate date) => date.DayOfWeek == IsoDayOfWeek.Monday && date.Day <= 7;
    }
}
