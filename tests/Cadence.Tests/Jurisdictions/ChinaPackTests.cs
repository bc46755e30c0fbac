using Cadence.Explanations;
using Cadence.Jurisdictions;
using NodaTime;
using static Cadence.Tests.Jurisdictions.PackScenarios;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Jurisdictions;

/// <summary>
/// <see cref="JurisdictionPacks.China"/> against the China Banking Association and NIFA collection guidelines: no
/// collection 22:00–08:00; at most 6 unanswered call attempts and 3 connected calls a day; Asia/Shanghai by default.
/// </summary>
public sealed class ChinaPackTests
{
    private const string Shanghai = "Asia/Shanghai";
    private const string Hours = "window:cn-no-collection-22-to-08 (Asia/Shanghai)";

    private static ICadenceEngine Engine(params CadenceStep[] steps) => PackScenarios.Engine([JurisdictionPacks.China()], steps);

    private static Instant Beijing(int y, int m, int d, int h, int min = 0) => Local(Shanghai, y, m, d, h, min);

    /// <summary>Calls on 9 June 2026 at 09:00, 10:00… ending in <paramref name="outcomes"/>.</summary>
    private static ContactAttempt[] CallsOn9June(params ContactOutcome[] outcomes)
        => [.. outcomes.Select((o, i) => Call(Beijing(2026, 6, 9, 9 + i), o))];

    [Fact]
    public void CallAtOneMinuteToTen_IsAllowed()
    {
        var now = Beijing(2026, 6, 9, 21, 59);

        var d = Engine(Calls).Evaluate(Account(Shanghai), now);

        Assert.Equal(now, d.NotBefore);
        Assert.Empty(Deferrals(d));
    }

    [Fact]
    public void CallAtTenPastTen_IsDeferredToEightNextMorning()
    {
        var d = Engine(Calls).Evaluate(Account(Shanghai), Beijing(2026, 6, 9, 22, 10));

        Assert.Equal(Beijing(2026, 6, 10, 8), d.NotBefore);
        Assert.Equal([Reason(Hours, ReasonCode.OutsideContactWindow, Beijing(2026, 6, 10, 8))], Deferrals(d));
    }

    [Fact]
    public void VisitAtSevenInTheMorning_IsDeferredToEight()
    {
        var d = Engine(Visits).Evaluate(Account(Shanghai), Beijing(2026, 6, 13, 7)); // a Saturday

        Assert.Equal(Beijing(2026, 6, 13, 8), d.NotBefore);
    }

    [Fact]
    public void SeventhUnansweredCallAttemptInADay_IsDeferredToEightNextMorning()
    {
        var account = Account(Shanghai).WithHistory(CallsOn9June(
            ContactOutcome.NoAnswer, ContactOutcome.Busy, ContactOutcome.Voicemail, ContactOutcome.Failed, ContactOutcome.NoAnswer, ContactOutcome.NoAnswer));

        var d = Engine(Calls).Evaluate(account, Beijing(2026, 6, 9, 15));

        Assert.Equal(Beijing(2026, 6, 10, 8), d.NotBefore);
        Assert.Equal(
            [
                Reason("cap:cn-6-unanswered-calls-per-day", ReasonCode.CapReached, Beijing(2026, 6, 10, 0)),
                Reason(Hours, ReasonCode.OutsideContactWindow, Beijing(2026, 6, 10, 8)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void SixthUnansweredCallAttemptInADay_IsAllowed()
    {
        var account = Account(Shanghai).WithHistory(CallsOn9June([.. Enumerable.Repeat(ContactOutcome.NoAnswer, 5)]));
        var now = Beijing(2026, 6, 9, 15);

        var d = Engine(Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void UnansweredCallAttemptsTheDayBefore_DoNotCountToday()
    {
        var account = Account(Shanghai).WithHistory(CallsOn9June([.. Enumerable.Repeat(ContactOutcome.NoAnswer, 6)]));
        var now = Beijing(2026, 6, 10, 8);

        var d = Engine(Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void FourthConnectedCallInADay_IsDeferredToEightNextMorning()
    {
        var account = Account(Shanghai).WithHistory(CallsOn9June(ContactOutcome.Conversation, ContactOutcome.Conversation, ContactOutcome.Conversation));

        var d = Engine(Calls).Evaluate(account, Beijing(2026, 6, 9, 12));

        Assert.Equal(Beijing(2026, 6, 10, 8), d.NotBefore);
        Assert.Equal(
            [
                Reason("cap:cn-3-connected-calls-per-day", ReasonCode.CapReached, Beijing(2026, 6, 10, 0)),
                Reason(Hours, ReasonCode.OutsideContactWindow, Beijing(2026, 6, 10, 8)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void UnansweredAndConnectedCalls_AreCountedApart()
    {
        var account = Account(Shanghai).WithHistory(CallsOn9June(
            ContactOutcome.NoAnswer, ContactOutcome.NoAnswer, ContactOutcome.NoAnswer, ContactOutcome.NoAnswer, ContactOutcome.NoAnswer, ContactOutcome.Conversation, ContactOutcome.Conversation));
        var now = Beijing(2026, 6, 9, 17);

        var d = Engine(Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void BorrowerWithNoZone_IsContactedOnShanghaiTime()
    {
        var account = Account(); // no zone: the pack's default

        var d = Engine(Calls).Evaluate(account, At("2026-06-09T23:30:00Z")); // 07:30 on 10 June in Shanghai

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal(At("2026-06-10T00:00:00Z"), d.NotBefore); // 08:00 in Shanghai
        Assert.Equal([Reason(Hours, ReasonCode.OutsideContactWindow, At("2026-06-10T00:00:00Z"))], Deferrals(d));
    }

    [Fact]
    public void BorrowerWithNoZone_CountsCallsOnShanghaiDays()
    {
        var account = Account().WithHistory(
            Call(At("2026-06-09T16:30:00Z"), ContactOutcome.Conversation), // 00:30 on 10 June in Shanghai
            Call(At("2026-06-10T01:00:00Z"), ContactOutcome.Conversation),
            Call(At("2026-06-10T02:00:00Z"), ContactOutcome.Conversation));

        var d = Engine(Calls).Evaluate(account, At("2026-06-10T03:00:00Z"));

        Assert.Equal(At("2026-06-11T00:00:00Z"), d.NotBefore);
    }

    [Fact]
    public void Pack_HasShanghaiAsItsDefaultZone()
    {
        Assert.Equal(Shanghai, JurisdictionPacks.China().DefaultZone?.Id);
    }
}
