using Cadence.Explanations;
using Cadence.Jurisdictions;
using static Cadence.Tests.Jurisdictions.PackScenarios;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Jurisdictions;

/// <summary>
/// <see cref="JurisdictionPacks.UsMassachusetts"/> composed with Regulation F and a lender (209 CMR 18.16–18.17,
/// 940 CMR 7.04): at most 2 collector-initiated calls or texts in 7 days, at most 1 visit in 30 days.
/// </summary>
public sealed class UsMassachusettsPackTests
{
    private const string Boston = "America/New_York";

    private static ICadenceEngine Engine(params CadenceStep[] steps)
        => PackScenarios.Engine([JurisdictionPacks.UsRegulationF(), JurisdictionPacks.UsMassachusetts()], steps);

    [Theory]
    [InlineData(Channel.Call, Channel.Call, Channel.Call)]
    [InlineData(Channel.Call, Channel.Sms, Channel.Call)]
    [InlineData(Channel.Sms, Channel.Call, Channel.Sms)]
    [InlineData(Channel.Sms, Channel.Sms, Channel.Sms)]
    public void ThirdCallOrTextInSevenDays_IsDeferredUntilTheFirstLeavesTheWindow(Channel first, Channel second, Channel third)
    {
        var account = ConsentingAccount(Boston).WithHistory(
            Sent(Local(Boston, 2026, 6, 8, 10), first), // Monday, day 1
            Sent(Local(Boston, 2026, 6, 10, 10), second));

        var d = Engine(Calls, Texts).Evaluate(account, Local(Boston, 2026, 6, 11, 12)); // either step may be chosen: both wait
        var onlyThird = Engine(third == Channel.Call ? Calls : Texts).Evaluate(account, Local(Boston, 2026, 6, 11, 12));

        Assert.Equal(Local(Boston, 2026, 6, 15, 8), d.NotBefore); // the following Monday, day 8
        Assert.Equal(Local(Boston, 2026, 6, 15, 8), onlyThird.NotBefore);
        Assert.Equal(
            [
                Reason("cap:ma-2-calls-or-texts-in-7-days", ReasonCode.CapReached, Local(Boston, 2026, 6, 15, 0)),
                Reason("window:reg-f-convenient-hours (America/New_York)", ReasonCode.OutsideContactWindow, Local(Boston, 2026, 6, 15, 8)),
            ],
            Deferrals(onlyThird));
    }

    [Fact]
    public void ThirdCallInSevenDays_IsAllowedUnderRegulationFAlone()
    {
        var account = Account(Boston).WithHistory(
            Call(Local(Boston, 2026, 6, 8, 10), ContactOutcome.NoAnswer),
            Call(Local(Boston, 2026, 6, 10, 10), ContactOutcome.NoAnswer));
        var now = Local(Boston, 2026, 6, 11, 12);

        var d = PackScenarios.Engine([JurisdictionPacks.UsRegulationF()], Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void SecondCallInSevenDays_IsAllowedNow()
    {
        var account = Account(Boston).WithHistory(Call(Local(Boston, 2026, 6, 8, 10), ContactOutcome.NoAnswer));
        var now = Local(Boston, 2026, 6, 11, 12);

        var d = Engine(Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
        Assert.Empty(Deferrals(d));
    }

    [Fact]
    public void CallsTheBorrowerMade_DoNotCountTowardTheTwo()
    {
        var account = Account(Boston).WithHistory(
            Call(Local(Boston, 2026, 6, 8, 10), ContactOutcome.NoAnswer, ContactDirection.Inbound),
            Call(Local(Boston, 2026, 6, 10, 10), ContactOutcome.NoAnswer, ContactDirection.Inbound));
        var now = Local(Boston, 2026, 6, 11, 12);

        var d = Engine(Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void EmailsDoNotCountTowardTheTwo()
    {
        var account = Account(Boston).WithHistory(
            Sent(Local(Boston, 2026, 6, 8, 10), Channel.Email),
            Sent(Local(Boston, 2026, 6, 10, 10), Channel.Email));
        var now = Local(Boston, 2026, 6, 11, 12);

        var d = Engine(Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void SecondVisitInThirtyDays_IsDeferredUntilTheFirstLeavesTheWindow()
    {
        var account = Account(Boston).WithHistory(Sent(Local(Boston, 2026, 6, 1, 14), Channel.Visit));

        var d = Engine(Visits).Evaluate(account, Local(Boston, 2026, 6, 10, 12));

        Assert.Equal(Local(Boston, 2026, 7, 1, 8), d.NotBefore); // 1 June is day 1, 1 July day 31
        Assert.Equal(
            [
                Reason("cap:ma-1-visit-in-30-days", ReasonCode.CapReached, Local(Boston, 2026, 7, 1, 0)),
                Reason("window:reg-f-convenient-hours (America/New_York)", ReasonCode.OutsideContactWindow, Local(Boston, 2026, 7, 1, 8)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void VisitThirtyDaysAfterTheLast_IsAllowed()
    {
        var account = Account(Boston).WithHistory(Sent(Local(Boston, 2026, 6, 1, 14), Channel.Visit));
        var now = Local(Boston, 2026, 7, 1, 9);

        var d = Engine(Visits).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void Overlay_KeepsRegulationFsConversationBlock()
    {
        var account = Account(Boston).WithHistory(Call(Local(Boston, 2026, 6, 8, 10), ContactOutcome.Conversation));

        var d = Engine(Calls).Evaluate(account, Local(Boston, 2026, 6, 8, 12));

        Assert.Equal(Local(Boston, 2026, 6, 15, 8), d.NotBefore);
        Assert.Contains(Reason("cooldown:reg-f-7-days-after-conversation", ReasonCode.Cooldown, Local(Boston, 2026, 6, 15, 0)), Deferrals(d));
    }
}
