using Cadence.Explanations;
using Cadence.Jurisdictions;
using NodaTime;
using static Cadence.Tests.Jurisdictions.PackScenarios;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Jurisdictions;

/// <summary>
/// The jurisdiction packs on persons, by scope (regulations.md): Regulation F counts per debt (a call about two debts
/// counts for each), 230-FZ per debtor, China's unanswered attempts per number and connected calls per debtor; the
/// Massachusetts overlay applies to its residents (and to persons whose regions are unknown) and limits calls to
/// non-residential numbers further.
/// </summary>
public sealed class PackScopeTests
{
    private const string NewYork = "America/New_York";
    private const string Moscow = "Europe/Moscow";
    private const string Shanghai = "Asia/Shanghai";

    /// <summary>A person with two debts (<c>a1</c>, <c>a2</c>) and the given points (a mobile <c>m1</c> by default).</summary>
    private static Person TwoDebts(string zone, params ContactPoint[] points) => new("p1")
    {
        TimeZoneIds = [zone],
        ContactPoints = points.Length > 0 ? [.. points] : [new ContactPoint(Channel.Call) { Id = "m1", Kind = ContactPointKind.Mobile }],
        Accounts = [new Account("a1") { DueDate = Due }, new Account("a2") { DueDate = Due }],
    };

    private static ContactAttempt CallAbout(Instant at, ContactOutcome outcome, params string[] accounts)
        => new(at, Channel.Call, ContactDirection.Outbound, outcome) { AccountIds = [.. accounts] };

    [Fact]
    public void RegulationF_SevenCallsAboutOneDebt_DeferOnlyCallsAboutThatDebt()
    {
        var engine = PackScenarios.Engine([JurisdictionPacks.UsRegulationF(new RegulationFOptions { MinimumGapBetweenCalls = null })], Calls);
        var now = Local(NewYork, 2026, 6, 10, 12);
        var person = TwoDebts(NewYork) with { History = [.. Enumerable.Range(0, 7).Select(i => CallAbout(Local(NewYork, 2026, 6, 4 + i, 9), ContactOutcome.NoAnswer, "a1"))] };

        var d = engine.Evaluate(person, now);

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal(now, d.NotBefore);
        Assert.Equal(["a2"], d.AccountIds);
        var a1 = Assert.Single(d.Explanation!.Candidates, c => c.AccountId == "a1");
        Assert.Contains(a1.Reasons, r => r.RuleName == "cap:reg-f-7-calls-in-7-days" && r.Code == ReasonCode.CapReached);
    }

    [Fact]
    public void RegulationF_SevenCallsAboutBothDebts_CountForEachAndDeferEveryCall()
    {
        var engine = PackScenarios.Engine([JurisdictionPacks.UsRegulationF(new RegulationFOptions { MinimumGapBetweenCalls = null })], Calls);
        var now = Local(NewYork, 2026, 6, 10, 12);
        var person = TwoDebts(NewYork) with { History = [.. Enumerable.Range(0, 7).Select(i => CallAbout(Local(NewYork, 2026, 6, 4 + i, 9), ContactOutcome.NoAnswer, "a1", "a2"))] };

        var d = engine.Evaluate(person, now);

        // The first of the seven calls (4 June) leaves the 7-day run at the start of 11 June; the window opens at 08:00.
        Assert.Equal(Local(NewYork, 2026, 6, 11, 8), d.NotBefore);
    }

    [Fact]
    public void RegulationF_APerPersonCap_CountsCallsAboutEveryDebt()
    {
        var engine = PackScenarios.Engine([JurisdictionPacks.UsRegulationF(new RegulationFOptions { MinimumGapBetweenCalls = null, CallsPerPersonIn7Days = 7 })], Calls);
        var now = Local(NewYork, 2026, 6, 10, 12);
        var history = Enumerable.Range(0, 7).Select(i => CallAbout(Local(NewYork, 2026, 6, 4 + i, 9), ContactOutcome.NoAnswer, i % 2 == 0 ? "a1" : "a2"));
        var person = TwoDebts(NewYork) with { History = [.. history] };

        var d = engine.Evaluate(person, now);

        Assert.Equal(Local(NewYork, 2026, 6, 11, 8), d.NotBefore);
        Assert.All(d.Explanation!.Candidates, c => Assert.Contains(c.Reasons, r => r.RuleName == "cap:reg-f-calls-per-person-in-7-days"));
    }

    [Fact]
    public void Russia230Fz_ACallAboutOneLoan_CountsForTheDebtorAndDefersACallAboutTheOther()
    {
        var engine = PackScenarios.Engine([JurisdictionPacks.Russia230Fz(Russia2026)], Calls);
        var now = Local(Moscow, 2026, 6, 10, 15);
        var person = TwoDebts(Moscow) with { History = [CallAbout(Local(Moscow, 2026, 6, 10, 10), ContactOutcome.Conversation, "a1")] };

        var d = engine.Evaluate(person, now);

        Assert.Equal(Local(Moscow, 2026, 6, 11, 8), d.NotBefore);
        Assert.All(d.Explanation!.Candidates, c => Assert.Contains(c.Reasons, r => r.RuleName == "cap:230-fz-calls-per-day" && r.Code == ReasonCode.CapReached));
    }

    [Fact]
    public void China_SixUnansweredCallsToOneNumber_MoveTheNextCallToTheOtherNumber()
    {
        var engine = PackScenarios.Engine([JurisdictionPacks.China()], Calls);
        var now = Local(Shanghai, 2026, 6, 9, 16);
        var m1 = new ContactPoint(Channel.Call) { Id = "m1", Kind = ContactPointKind.Mobile };
        var h1 = new ContactPoint(Channel.Call) { Id = "h1", Kind = ContactPointKind.Landline };
        var unanswered = Enumerable.Range(0, 6).Select(i => new ContactAttempt(Local(Shanghai, 2026, 6, 9, 9 + i), Channel.Call, ContactDirection.Outbound, ContactOutcome.NoAnswer) { ContactPointId = "m1" });
        var person = TwoDebts(Shanghai, m1, h1) with { History = [.. unanswered] };

        var d = engine.Evaluate(person, now);

        Assert.Equal(now, d.NotBefore);
        Assert.Equal("h1", d.ContactPointId);
        var onMobile = d.Explanation!.Candidates.Where(c => c.ContactPointId == "m1");
        Assert.All(onMobile, c => Assert.Contains(c.Reasons, r => r.RuleName == "cap:cn-6-unanswered-calls-per-day"));
    }

    [Fact]
    public void China_ThreeConnectedCallsOnDifferentNumbers_CloseEveryNumberForTheDay()
    {
        var engine = PackScenarios.Engine([JurisdictionPacks.China()], Calls);
        var now = Local(Shanghai, 2026, 6, 9, 16);
        var m1 = new ContactPoint(Channel.Call) { Id = "m1", Kind = ContactPointKind.Mobile };
        var h1 = new ContactPoint(Channel.Call) { Id = "h1", Kind = ContactPointKind.Landline };
        var person = TwoDebts(Shanghai, m1, h1) with
        {
            History =
            [
                new ContactAttempt(Local(Shanghai, 2026, 6, 9, 9), Channel.Call, ContactDirection.Outbound, ContactOutcome.Conversation) { ContactPointId = "m1", AccountIds = ["a1"] },
                new ContactAttempt(Local(Shanghai, 2026, 6, 9, 10), Channel.Call, ContactDirection.Outbound, ContactOutcome.Conversation) { ContactPointId = "h1", AccountIds = ["a2"] },
                new ContactAttempt(Local(Shanghai, 2026, 6, 9, 11), Channel.Call, ContactDirection.Outbound, ContactOutcome.Conversation) { ContactPointId = "h1", AccountIds = ["a1"] },
            ],
        };

        var d = engine.Evaluate(person, now);

        Assert.Equal(Local(Shanghai, 2026, 6, 10, 8), d.NotBefore);
    }

    [Theory]
    [InlineData("US-MA", true)]
    [InlineData("US", true)]
    [InlineData("US-NY", false)]
    [InlineData(null, true)]
    public void Massachusetts_AppliesToItsResidentsAndToPersonsOfUnknownRegion(string? region, bool limited)
    {
        var engine = PackScenarios.Engine([JurisdictionPacks.UsRegulationF(new RegulationFOptions { MinimumGapBetweenCalls = null }), JurisdictionPacks.UsMassachusetts()], Calls);
        var now = Local(NewYork, 2026, 6, 10, 12);
        var person = TwoDebts(NewYork) with
        {
            Regions = region is null ? [] : [region],
            Accounts = [new Account("a1") { DueDate = Due }],
            History = [CallAbout(Local(NewYork, 2026, 6, 8, 9), ContactOutcome.NoAnswer), CallAbout(Local(NewYork, 2026, 6, 9, 9), ContactOutcome.NoAnswer)],
        };

        var d = engine.Evaluate(person, now);

        // "US" is broader than the pack's US-MA: the person may live there, so the rule applies (failing closed).
        Assert.Equal(limited ? Local(NewYork, 2026, 6, 15, 8) : now, d.NotBefore);
    }

    [Fact]
    public void Massachusetts_TwoCallsToAWorkNumberInThirtyDays_DeferTheThirdButNotACallToTheMobile()
    {
        var engine = PackScenarios.Engine([JurisdictionPacks.UsRegulationF(new RegulationFOptions { MinimumGapBetweenCalls = null }), JurisdictionPacks.UsMassachusetts()], Calls);
        var now = Local(NewYork, 2026, 6, 20, 12);
        var work = new ContactPoint(Channel.Call) { Id = "w1", Kind = ContactPointKind.Work };
        var mobile = new ContactPoint(Channel.Call) { Id = "m1", Kind = ContactPointKind.Mobile };
        var person = TwoDebts(NewYork, work) with
        {
            Regions = ["US-MA"],
            Accounts = [new Account("a1") { DueDate = Due }],
            History =
            [
                new ContactAttempt(Local(NewYork, 2026, 6, 1, 9), Channel.Call, ContactDirection.Outbound, ContactOutcome.NoAnswer) { ContactPointId = "w1" },
                new ContactAttempt(Local(NewYork, 2026, 6, 2, 9), Channel.Call, ContactDirection.Outbound, ContactOutcome.NoAnswer) { ContactPointId = "w1" },
            ],
        };

        var workOnly = engine.Evaluate(person, now);
        var withMobile = engine.Evaluate(person with { ContactPoints = [work, mobile] }, now);

        Assert.Equal(Local(NewYork, 2026, 7, 1, 8), workOnly.NotBefore);
        Assert.Contains(Assert.Single(workOnly.Explanation!.Candidates).Reasons, r => r.RuleName == "cap:ma-2-calls-or-texts-in-30-days-elsewhere");
        Assert.Equal(now, withMobile.NotBefore);
        Assert.Equal("m1", withMobile.ContactPointId);
    }

    [Fact]
    public void LimitToRegions_KeepsEachRulesSourceAndAddsTheRegions()
    {
        var limited = JurisdictionPacks.China().LimitToRegions("CN");

        Assert.All(limited.Caps, c => Assert.Equal(["CN"], c.Source!.Regions));
        Assert.Equal("cn-collection", limited.Caps[0].Source!.PackId);
        Assert.All(limited.Windows, w => Assert.Equal(["CN"], w.Source!.Regions));
    }

    [Fact]
    public void LimitToRegions_AWindowOfAnotherRegion_DoesNotBindThePerson()
    {
        var lateHours = CadencePolicy.CreateBuilder("late").AddWindow("late-only", DayKinds.All, TimeRange.Of(20, 0, 21, 0)).Build().LimitToRegions("US-CA");
        var engine = PackScenarios.Engine([lateHours], Calls);
        var now = Local(NewYork, 2026, 6, 10, 12);
        var person = TwoDebts(NewYork) with { Accounts = [new Account("a1") { DueDate = Due }] };

        Assert.Equal(now, engine.Evaluate(person with { Regions = ["US-NY"] }, now).NotBefore);
        Assert.Equal(Local(NewYork, 2026, 6, 10, 20), engine.Evaluate(person with { Regions = ["US-CA"] }, now).NotBefore);
        Assert.Equal(Local(NewYork, 2026, 6, 10, 20), engine.Evaluate(person, now).NotBefore);
    }
}
