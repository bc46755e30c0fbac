using Cadence.Jurisdictions;
using Cadence.Testing.Tests.Support;
using NodaTime;

namespace Cadence.Testing.Tests;

public sealed class DescribeTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 8, 6, 30);

    private static BorrowerState Account() => new("acct-7")
    {
        TimeZoneIds = ["America/New_York", "America/Los_Angeles"],
        DueDate = new LocalDate(2026, 3, 1),
        AmountDue = new Money(250m, "USD"),
        Tags = ["vip"],
        ContactPoints = [new ContactPoint(Channel.Sms) { ConsentGiven = true, OptedOut = true, UpdatedAt = Now - Duration.FromDays(2) }, new ContactPoint(Channel.Call) { IsWorkplace = true }],
        Holds = [new Hold(HoldKind.PromiseToPay, Now - Duration.FromDays(1), Now + Duration.FromDays(2)) { PromisedDate = new LocalDate(2026, 3, 9) }],
        History = [new ContactAttempt(Now - Duration.FromHours(1), Channel.Call, ContactDirection.Inbound, ContactOutcome.Conversation), new ContactAttempt(Now - Duration.FromDays(3), Channel.Sms, Outcome: ContactOutcome.Delivered, StepId: "sms-overdue")],
    };

    [Fact]
    public void Account_ShowsEveryFactOnItsOwnLine_HistoryInTimeOrderWithLocalTimes()
    {
        var lines = Describe.Account(Account()).Split(Environment.NewLine);

        Assert.Equal("account acct-7: zones [America/New_York, America/Los_Angeles], due 2026-03-01, amount 250.00 USD, autopay off, tags [vip]", lines[0]);
        Assert.Equal("  contact point Sms: opted out, consent, updated 2026-03-06T06:30:00Z", lines[1]);
        Assert.Equal("  contact point Call: no consent, workplace", lines[2]);
        Assert.Equal("  hold promise-to-pay: [2026-03-07T06:30:00Z (2026-03-07 01:30 Sat America/New_York; 2026-03-06 22:30 Fri America/Los_Angeles), 2026-03-10T06:30:00Z (2026-03-10 02:30 Tue America/New_York; 2026-03-09 23:30 Mon America/Los_Angeles)), promised 2026-03-09", lines[3]);
        Assert.Equal("  history 2026-03-05T06:30:00Z (2026-03-05 01:30 Thu America/New_York; 2026-03-04 22:30 Wed America/Los_Angeles) Sms Outbound Delivered step sms-overdue", lines[4]);
        Assert.Equal("  history 2026-03-08T05:30:00Z (2026-03-08 00:30 Sun America/New_York; 2026-03-07 21:30 Sat America/Los_Angeles) Call Inbound Conversation step -", lines[5]);
    }

    [Fact]
    public void Account_WithoutZones_NamesThePolicysDefaultZoneAndUsesIt()
    {
        var text = Describe.Account(new BorrowerState("a") { History = [new ContactAttempt(Now, Channel.Email)] }, SamplePolicies.AcmeUs);

        Assert.Contains("zones [(none: default America/New_York)], due - (nothing owed)", text, StringComparison.Ordinal);
        Assert.Contains("history 2026-03-08T06:30:00Z (2026-03-08 01:30 Sun America/New_York) Email Outbound Sent step -", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Account_WithoutHistory_SaysSo()
        => Assert.Contains("  history: none", Describe.Account(new BorrowerState("a")), StringComparison.Ordinal);

    [Fact]
    public void Policy_ListsStepsWindowsCapsCooldownsHoldsAndRestrictions()
    {
        var text = Describe.Policy(SamplePolicies.AcmeUs);

        Assert.StartsWith("policy 'acme-lending-us': default zone America/New_York, horizon 35:00:00:00, order PriorityThenEarliest, holidays none", text, StringComparison.Ordinal);
        Assert.Contains("  step sms-pre-due: Sms 'pre-due-sms', days [-2, -1], priority 20, repeat -, max - when autopay off", text, StringComparison.Ordinal);
        Assert.Contains("  step agency-placement: escalation agency-placement, days [90, 365]", text, StringComparison.Ordinal);
        Assert.Contains("  window reg-f-convenient-hours: All 08:00–21:00 on [all channels]", text, StringComparison.Ordinal);
        Assert.Contains("  cap reg-f-7-calls-in-7-days: 7 per 7 consecutive days, counting Outbound [Call]", text, StringComparison.Ordinal);
        Assert.Contains("  cooldown reg-f-7-days-after-conversation: after Any [Call] ending [Conversation], blocks [Call] for 7 calendar days", text, StringComparison.Ordinal);
        Assert.Contains("  hold rule promise: 'promise-to-pay' blocks channels [] steps [sms-overdue, call-overdue] until the promised date + 2 days", text, StringComparison.Ordinal);
        Assert.Contains("  consent required [Sms], workplace restricted [Email, Sms], custom rules []", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_SummarizesAHolidayCalendarByNameAndSize()
        => Assert.Contains("holidays RU-2026", Describe.Policy(SamplePolicies.RuLender), StringComparison.Ordinal);

    [Fact]
    public void Decision_ShowsTheDecisionItsLocalTimeAndItsExplanation()
    {
        var account = Account() with { ContactPoints = [new ContactPoint(Channel.Call)], Holds = [], History = [] };
        var decision = new CadenceEngine(SamplePolicies.AcmeUs).Evaluate(account, Now);

        var text = Describe.Decision(decision, account, SamplePolicies.AcmeUs);

        Assert.StartsWith("decision acct-7: Contact call-overdue via Call", text, StringComparison.Ordinal);
        Assert.Contains("  not before 2026-03-08T19:00:00Z (2026-03-08 15:00 Sun America/New_York; 2026-03-08 12:00 Sun America/Los_Angeles)", text, StringComparison.Ordinal);
        Assert.Contains("  explanation:", text, StringComparison.Ordinal);
        Assert.Contains("OutsideContactWindow by window:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decision_OfAPerson_ShowsTheContactPointTheAccountsAndTheLocalTimeInThePersonsZone()
    {
        var person = new Person("P-1")
        {
            TimeZoneIds = ["America/New_York"],
            ContactPoints = [new ContactPoint(Channel.Call) { Id = "mob", Kind = ContactPointKind.Mobile }],
            Accounts = [new Account("L-1") { DueDate = new LocalDate(2026, 2, 1), AmountDue = new Money(250m, "USD") }],
        };
        var decision = new CadenceEngine(SamplePolicies.AcmeUs).Evaluate(person, Now);

        var text = Describe.Decision(decision, person, SamplePolicies.AcmeUs);

        Assert.StartsWith("decision P-1: Contact call-overdue via Call (mob)", text, StringComparison.Ordinal);
        Assert.Contains("  on contact point mob about accounts [L-1]", text, StringComparison.Ordinal);
        Assert.Matches(@"  not before \S+Z \(\d{4}-\d\d-\d\d \d\d:\d\d \w{3} America/New_York\)", text);
    }

    [Fact]
    public void Policy_ShowsScopesKindsOfPointsRegionsBundlingAndThePreferenceOfPoints()
    {
        var policy = CadencePolicy.CreateBuilder("scoped")
            .WithDefaultZone("UTC")
            .AddStep(CadenceStep.Contact("call", Channel.Call, "call", 1, 30) with { Bundle = true, RepeatCalendarDays = 1 })
            .AddCap(new FrequencyCap("per-number", 2, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call)) { Scope = RuleScope.ContactPoint, ContactPointKinds = [ContactPointKind.Mobile] })
            .AddCooldown(new Cooldown("per-debt", AttemptFilter.Outbound(Channel.Call), [Channel.Call], CooldownLength.CalendarDays(1)) { Scope = RuleScope.Account })
            .WithContactPointPreference([ContactPointKind.Mobile, ContactPointKind.Landline])
            .Build()
            .LimitToRegions("US-MA");

        var text = Describe.Policy(policy);

        Assert.Contains("  step call: Call 'call', days [1, 30], priority 0, repeat once per 1 local days, max -, bundles accounts", text, StringComparison.Ordinal);
        Assert.Contains("  cap per-number: 2 per calendar day, counting Outbound [Call] on [Mobile] points, counted per ContactPoint (regions [US-MA] only)", text, StringComparison.Ordinal);
        Assert.Contains("  cooldown per-debt: after Outbound [Call], blocks [Call] for ", text, StringComparison.Ordinal);
        Assert.Contains(", counted per Account (regions [US-MA] only)", text, StringComparison.Ordinal);
        Assert.Contains("  contact points preferred by kind [Mobile, Landline]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Person_ShowsEveryAccountPointAndAttemptWithThePointItUsedAndTheAccountsItConcerned()
    {
        var person = new Person("P-2")
        {
            Holds = [new Hold(HoldKind.CeaseCommunication, Now)],
            ContactPoints = [new ContactPoint(Channel.Sms) { Id = "m", Kind = ContactPointKind.Mobile, OptedOut = true }],
            Accounts = [new Account("L-1") { Holds = [new Hold(HoldKind.Dispute, Now)] }],
            History = [new ContactAttempt(Now, Channel.Sms), new ContactAttempt(Now, Channel.Sms) { ContactPointId = "m", AccountIds = ["L-1"] }],
        };

        var lines = Describe.Person(person, SamplePolicies.AcmeUs).Split(Environment.NewLine);

        Assert.Equal("person P-2: zones [(none: default America/New_York)], regions [], tags []", lines[0]);
        Assert.StartsWith("  person hold cease-communication: [2026-03-08T06:30:00Z (2026-03-08 01:30 Sun America/New_York), open)", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("  account L-1: due - (nothing owed)", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("    account hold dispute:", lines[3], StringComparison.Ordinal);
        Assert.Equal("  contact point m: Sms Mobile, opted out, no consent", lines[4]);
        Assert.Contains(lines, l => l.EndsWith("Sms on any point about all accounts Outbound Sent step -", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("Sms on m about accounts [L-1] Outbound Sent step -", StringComparison.Ordinal));
    }

    [Fact]
    public void At_WithoutAnAccount_IsTheIsoInstant()
        => Assert.Equal("2026-03-08T06:30:00Z", Describe.At(Now));

    [Fact]
    public void Everything_IsTheSameInAnyCulture()
    {
        var policy = CadencePolicy.Compose("us", SamplePolicies.AcmeUs, JurisdictionPacks.UsMassachusetts());
        var expected = Describe.Policy(policy) + Describe.Account(Account(), policy);
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("ar-SA");
            Assert.Equal(expected, Describe.Policy(policy) + Describe.Account(Account(), policy));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
