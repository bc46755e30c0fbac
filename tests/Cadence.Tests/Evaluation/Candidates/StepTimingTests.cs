using Cadence.Evaluation.Candidates;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Evaluation.Candidates;

public sealed class StepTimingTests
{
    private static readonly LocalDate Due = new(2026, 6, 10);

    private static CadenceStep Sms(int from, int? to) => CadenceStep.Contact("sms", Channel.Sms, "t", from, to);

    [Theory]
    [InlineData(-3, -3, 5, false)]
    [InlineData(5, 5, 5, true)]
    [InlineData(2, 3, 5, false)]
    [InlineData(-7, null, 400, true)]
    [InlineData(401, null, 400, false)]
    public void InWindow_IsADayRangeNeverAnExactDate(int from, int? to, int day, bool expected)
        => Assert.Equal(expected, StepTiming.InWindow(Sms(from, to), day));

    [Fact]
    public void HasEnded_NeverForAnOpenEndedWindow()
    {
        Assert.False(StepTiming.HasEnded(Sms(1, null), 10_000));
        Assert.True(StepTiming.HasEnded(Sms(1, 5), 6));
    }

    [Fact]
    public void IsDue_AMissedDayInsideTheWindow_IsStillDue()
    {
        var step = Sms(1, 10);
        var facts = Support.Facts.Derive(Support.Policies.Single(step), Borrower("A", Due, "UTC"), At("2026-06-18T12:00:00Z"));

        Assert.True(StepTiming.IsDue(facts, step, 0));
    }

    [Fact]
    public void IsDue_NothingOwed_IsNeverDue()
    {
        var step = Sms(-30, null);
        var facts = Support.Facts.Derive(Support.Policies.Single(step), Borrower("A", Due, "UTC") with { AmountDue = new Money(0m, "USD") }, At("2026-06-18T12:00:00Z"));

        Assert.Null(facts.DayFromDue);
        Assert.False(StepTiming.IsDue(facts, step, 0));
    }

    [Fact]
    public void OpensAndCloses_AreLocalMidnightsOfTheFirstZone_AndAnOpenWindowNeverCloses()
    {
        var closed = Sms(2, 4);
        var open = Sms(2, null);
        var facts = Support.Facts.Derive(Support.Policies.Single(closed), Borrower("A", Due, "America/New_York"), At("2026-06-11T12:00:00Z"));

        Assert.Equal(Local("America/New_York", 2026, 6, 12, 0), StepTiming.Opens(facts, closed));
        Assert.Equal(Local("America/New_York", 2026, 6, 15, 0), StepTiming.Closes(facts, closed));
        Assert.Null(StepTiming.Closes(facts, open));
    }

    [Fact]
    public void NextRepeat_ByCalendarDays_IsTheStartOfALaterLocalDay_ByDuration_ALaterInstant()
    {
        var daily = Sms(1, 30) with { RepeatCalendarDays = 2 };
        var hourly = Sms(1, 30) with { RepeatInterval = Duration.FromHours(5) };
        var last = Local("America/New_York", 2026, 6, 12, 23, 30);
        var account = Borrower("A", Due, "America/New_York").WithHistory(new ContactAttempt(last, Channel.Sms, StepId: "sms"));
        var facts = Support.Facts.Derive(Support.Policies.Single(daily), account, At("2026-06-13T12:00:00Z"));

        Assert.Equal(Local("America/New_York", 2026, 6, 14, 0), StepTiming.NextRepeat(facts, daily, 0));
        Assert.Equal(last + Duration.FromHours(5), StepTiming.NextRepeat(facts, hourly, 0));
        Assert.Null(StepTiming.NextRepeat(facts, Sms(1, 30), 0));
    }
}
