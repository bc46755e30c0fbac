using Cadence.Tests.Support;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Engine;

/// <summary>Evaluation across daylight-saving changes: the window edge in a gap, in an overlap, and caps across them.</summary>
public sealed class DaylightSavingTests
{
    private const string Ny = "America/New_York";

    private static ICadenceEngine Engine(TimeRange window, Action<CadencePolicyBuilder>? extra = null)
        => new BothEvaluators(Policies.Single(CadenceStep.Contact("call", Channel.Call, "c", -30, 30) with { RepeatInterval = Duration.FromMinutes(10) }, b =>
        {
            b.WithDefaultZone(Ny).AddWindow("window", DayKinds.All, window);
            extra?.Invoke(b);
        }));

    private static BorrowerState Account => Borrower("dst", new LocalDate(2026, 3, 8), Ny);

    [Fact]
    public void WindowStartInTheSpringGap_OpensAtTheEndOfTheGap()
    {
        var d = Engine(TimeRange.Of(2, 30, 6, 0)).Evaluate(Account, At("2026-03-08T05:30:00Z")); // 00:30 EST

        Assert.Equal(At("2026-03-08T07:00:00Z"), d.NotBefore); // 03:00 EDT
    }

    [Fact]
    public void WindowStartInTheAutumnOverlap_OpensAtTheSecondOccurrence()
    {
        var d = Engine(TimeRange.Of(1, 30, 6, 0)).Evaluate(Account with { DueDate = new LocalDate(2026, 11, 1) }, At("2026-11-01T04:30:00Z")); // 00:30 EDT

        Assert.Equal(At("2026-11-01T06:30:00Z"), d.NotBefore); // 01:30 EST
    }

    [Fact]
    public void RollingCapAcrossTheSpringChange_CountsElapsedTimeNotWallClockTime()
    {
        var engine = Engine(TimeRange.WholeDay, b => b.AddCap("one-per-24h", 1, CapPeriod.Rolling(Duration.FromHours(24)), AttemptFilter.Outbound(Channel.Call)));
        var account = Account.WithHistory(new ContactAttempt(Local(Ny, 2026, 3, 7, 12), Channel.Call));

        var d = engine.Evaluate(account, Local(Ny, 2026, 3, 8, 9));

        Assert.Equal(Local(Ny, 2026, 3, 8, 13), d.NotBefore); // 24 elapsed hours: 13:00 EDT on the short day
    }

    [Fact]
    public void CalendarDayCapOnTheShortDay_FreesUpAtTheNextLocalMidnight()
    {
        var engine = Engine(TimeRange.WholeDay, b => b.AddCap("one-per-day", 1, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call)));
        var account = Account.WithHistory(new ContactAttempt(Local(Ny, 2026, 3, 8, 9), Channel.Call));

        Assert.Equal(Local(Ny, 2026, 3, 9, 0), engine.Evaluate(account, Local(Ny, 2026, 3, 8, 10)).NotBefore);
    }
}
