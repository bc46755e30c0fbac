using Cadence.Explanations;
using Cadence.Jurisdictions;
using NodaTime;
using static Cadence.Tests.Jurisdictions.PackScenarios;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Jurisdictions;

/// <summary>
/// <see cref="JurisdictionPacks.UnitedKingdom"/> against FCA CONC 7.9 and MCOB 13.5: contact at reasonable hours,
/// 08:00–21:00 by default or as agreed; stated preferences honoured through contact-point opt-outs.
/// </summary>
public sealed class UnitedKingdomPackTests
{
    private const string London = "Europe/London";
    private const string Hours = "window:uk-reasonable-hours (Europe/London)";

    private static ICadenceEngine Engine(params CadenceStep[] steps) => PackScenarios.Engine([JurisdictionPacks.UnitedKingdom()], steps);

    private static Instant Uk(int y, int m, int d, int h, int min = 0) => Local(London, y, m, d, h, min);

    [Fact]
    public void CallAtOneMinuteToNine_IsAllowed()
    {
        var now = Uk(2026, 6, 9, 20, 59);

        var d = Engine(Calls).Evaluate(Account(London), now);

        Assert.Equal(now, d.NotBefore);
        Assert.Empty(Deferrals(d));
    }

    [Fact]
    public void CallAtNineInTheEvening_IsDeferredToEightNextMorning()
    {
        var d = Engine(Calls).Evaluate(Account(London), Uk(2026, 6, 9, 21));

        Assert.Equal(Uk(2026, 6, 10, 8), d.NotBefore);
        Assert.Equal([Reason(Hours, ReasonCode.OutsideContactWindow, Uk(2026, 6, 10, 8))], Deferrals(d));
    }

    [Fact]
    public void EveningBeforeTheClocksGoForward_IsDeferredToEightBritishSummerTime()
    {
        var d = Engine(Calls).Evaluate(Account(London), Uk(2026, 3, 28, 21, 30)); // GMT

        Assert.Equal(At("2026-03-29T07:00:00Z"), d.NotBefore); // 08:00 BST
        Assert.Equal(Uk(2026, 3, 29, 8), d.NotBefore);
    }

    [Fact]
    public void EarlyMorningOnTheDayTheClocksGoForward_IsDeferredToEightLocal()
    {
        var d = Engine(Calls).Evaluate(Account(London), At("2026-03-29T06:30:00Z")); // 07:30 BST

        Assert.Equal(At("2026-03-29T07:00:00Z"), d.NotBefore);
    }

    [Fact]
    public void EarlyMorningOnTheDayTheClocksGoBack_IsDeferredToEightLocal()
    {
        var d = Engine(Calls).Evaluate(Account(London), At("2026-10-25T06:30:00Z")); // 06:30 GMT, an hour after the change

        Assert.Equal(At("2026-10-25T08:00:00Z"), d.NotBefore); // 08:00 GMT
    }

    [Fact]
    public void CustomReasonableHours_OpenAtNine()
    {
        var engine = PackScenarios.Engine([JurisdictionPacks.UnitedKingdom(TimeRange.Of(9, 0, 20, 0))], Calls);

        var d = engine.Evaluate(Account(London), Uk(2026, 6, 9, 8, 30));

        Assert.Equal(Uk(2026, 6, 9, 9), d.NotBefore);
        Assert.Equal([Reason(Hours, ReasonCode.OutsideContactWindow, Uk(2026, 6, 9, 9))], Deferrals(d));
    }

    [Fact]
    public void CustomReasonableHours_CloseAtEight()
    {
        var engine = PackScenarios.Engine([JurisdictionPacks.UnitedKingdom(TimeRange.Of(9, 0, 20, 0))], Calls);
        var before = Uk(2026, 6, 9, 19, 59);

        Assert.Equal(before, engine.Evaluate(Account(London), before).NotBefore);
        Assert.Equal(Uk(2026, 6, 10, 9), engine.Evaluate(Account(London), Uk(2026, 6, 9, 20)).NotBefore);
    }

    [Fact]
    public void OptedOutTextNumber_IsNeverUsed()
    {
        var account = Account(London).WithPoint(new ContactPoint(Channel.Sms) { OptedOut = true });

        var d = Engine(Texts).Evaluate(account, Uk(2026, 6, 9, 12));

        Assert.Null(d.Step);
        Assert.Null(d.NotBefore);
        var candidate = Only(d);
        Assert.Equal(CandidateStatus.Blocked, candidate.Status);
        Assert.Equal([Reason("guard:opted-out", ReasonCode.OptedOut)], Bare(candidate.Reasons));
    }

    [Fact]
    public void OptedOutTextNumber_TheCallIsChosenInstead()
    {
        var account = Account(London).WithPoint(new ContactPoint(Channel.Sms) { OptedOut = true });
        var now = Uk(2026, 6, 9, 12);

        var d = Engine(Step("texts", Channel.Sms, priority: 10), Calls).Evaluate(account, now);

        Assert.Equal("calls", d.Step!.Id);
        Assert.Equal(now, d.NotBefore);
        Assert.Equal(CandidateStatus.Blocked, Candidate(d, "texts").Status);
    }

    [Fact]
    public void TextNumberNotOptedOut_IsUsed()
    {
        var now = Uk(2026, 6, 9, 12);

        var d = Engine(Step("texts", Channel.Sms, priority: 10), Calls).Evaluate(Account(London), now);

        Assert.Equal("texts", d.Step!.Id);
        Assert.Equal(now, d.NotBefore);
    }
}
