using System.Collections.Immutable;
using Cadence.Experiments;
using NodaTime;

namespace Cadence.Simulation.Tests;

public sealed class ComplianceCheckerTests
{
    private const string NewYork = "America/New_York";
    private static readonly LocalDate Due = new(2026, 6, 1);

    /// <summary>08:00–21:00 every day; 7 calls in 7 days; no call for 7 days after a conversation; dispute blocks everything; 3 failed SMS exhaust SMS; SMS needs consent.</summary>
    private static readonly CadencePolicy Policy = CadencePolicy.CreateBuilder("checked")
        .AddStep(CadenceStep.Contact("call", Channel.Call, "call", -5, 60) with { RepeatInterval = Duration.FromHours(1) })
        .AddStep(CadenceStep.Contact("sms", Channel.Sms, "sms", -5, 60) with { RepeatInterval = Duration.FromHours(1) })
        .AddStep(CadenceStep.Contact("email-once", Channel.Email, "email", 0, 3))
        .AddWindow("hours", DayKinds.All, TimeRange.Of(8, 0, 21, 0))
        .AddCap("7-calls-in-7-days", 7, CapPeriod.SlidingDays(7), AttemptFilter.Outbound(Channel.Call))
        .AddCooldown("after-conversation", AttemptFilter.AnyDirection(Channel.Call).WithOutcomes(ContactOutcome.Conversation), CooldownLength.CalendarDays(7), Channel.Call)
        .AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlocksAllSteps = true })
        .AddExhaustion("sms-exhausted", 3, Channel.Sms)
        .RequireConsent(Channel.Sms)
        .Build();

    private static Instant Local(int day, int hour, int minute = 0)
        => DateTimeZoneProviders.Tzdb[NewYork].AtStrictly(new LocalDateTime(2026, 6, day, hour, minute)).ToInstant();

    private static BorrowerState Borrower(string id, bool smsOptedOut = false) => new(id)
    {
        TimeZoneIds = [NewYork],
        DueDate = Due,
        AmountDue = new Money(100m, "USD"),
        ContactPoints =
        [
            new ContactPoint(Channel.Call),
            new ContactPoint(Channel.Sms) { ConsentGiven = true, OptedOut = smsOptedOut },
            new ContactPoint(Channel.Email),
        ],
    };

    private static ContactMade Call(Instant at, ContactOutcome outcome = ContactOutcome.NoAnswer) => new(new ContactAttempt(at, Channel.Call, ContactDirection.Outbound, outcome, "call"), at);

    private static ContactMade Sms(Instant at, ContactOutcome outcome = ContactOutcome.Delivered) => new(new ContactAttempt(at, Channel.Sms, ContactDirection.Outbound, outcome, "sms"), at);

    private static AccountTimeline Timeline(BorrowerState account, params AccountEvent[] events) => new(account, [.. events]);

    /// <summary>A hand-made log: six accounts with one known violation each, and one clean account.</summary>
    private static ImmutableArray<AccountTimeline> HandMadeLog() =>
    [
        Timeline(Borrower("window"), Call(Local(2, 9)), Call(Local(2, 22, 30)), Call(Local(3, 20, 59))),
        Timeline(Borrower("cap"), [.. Enumerable.Range(0, 8).Select(i => Call(Local(2 + (i / 3), 9 + (2 * (i % 3)))))]),
        Timeline(Borrower("cooldown"), Call(Local(2, 10), ContactOutcome.Conversation), Call(Local(5, 10)), Call(Local(9, 10))),
        Timeline(Borrower("hold"), Call(Local(2, 10)), new HoldPlaced(new Hold(HoldKind.Dispute, Local(2, 15))), Call(Local(3, 10))),
        Timeline(Borrower("opted-out", smsOptedOut: true), Sms(Local(2, 10))),
        Timeline(Borrower("exhausted"), Sms(Local(2, 9), ContactOutcome.Failed), Sms(Local(2, 11), ContactOutcome.Failed), Sms(Local(2, 13), ContactOutcome.Bounced), Sms(Local(2, 15))),
        Timeline(
            Borrower("clean"),
            new ContactMade(new ContactAttempt(Local(2, 9), Channel.Email, ContactDirection.Outbound, ContactOutcome.Delivered, "email-once"), Local(2, 8)),
            Sms(Local(2, 10)),
            Call(Local(2, 11)),
            new ContactMade(new ContactAttempt(Local(2, 23), Channel.Call, ContactDirection.Inbound, ContactOutcome.NoAnswer)),
            Call(Local(3, 8))),
    ];

    [Fact]
    public void Check_AHandMadeLog_ReportsExactlyItsKnownViolations()
    {
        var found = new ComplianceChecker(Policy).Check(HandMadeLog());

        Assert.Equal(
            [
                ("window", ViolationKind.Window, "hours", Local(2, 22, 30)),
                ("cap", ViolationKind.Cap, "7-calls-in-7-days", Local(4, 11)),
                ("cooldown", ViolationKind.Cooldown, "after-conversation", Local(5, 10)),
                ("hold", ViolationKind.Hold, "dispute", Local(3, 10)),
                ("opted-out", ViolationKind.ContactPoint, "contact-point:sms", Local(2, 10)),
                ("exhausted", ViolationKind.Exhaustion, "sms-exhausted", Local(2, 15)),
            ],
            found.Select(v => (v.AccountId, v.Kind, v.Rule, v.At)));
    }

    [Fact]
    public void Check_AViolation_NamesTheEarlierContactsThatMakeIt()
    {
        var found = new ComplianceChecker(Policy).Check(HandMadeLog());

        Assert.Equal(7, found.Single(v => v.Kind == ViolationKind.Cap).Related.Length);
        Assert.Equal([Local(2, 10)], found.Single(v => v.Kind == ViolationKind.Cooldown).Related);
        Assert.Equal(1, found.Single(v => v.Kind == ViolationKind.Cooldown).EventIndex);
        Assert.Contains("22:30", found.Single(v => v.Kind == ViolationKind.Window).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TheSameStepServedTwice_IsAStepViolation()
    {
        var email = new ContactAttempt(Local(2, 9), Channel.Email, ContactDirection.Outbound, ContactOutcome.Delivered, "email-once");
        var timeline = Timeline(Borrower("twice"), new ContactMade(email, Local(2, 9)), new ContactMade(email with { At = Local(3, 9) }, Local(3, 9)));

        var found = new ComplianceChecker(Policy).Check(timeline);

        Assert.Equal([(ViolationKind.Step, "email-once", Local(3, 9))], found.Select(v => (v.Kind, v.Rule, v.At)));
    }

    [Fact]
    public void Check_AStepAfterItsLastDay_IsAStepViolation()
    {
        var late = new ContactAttempt(Local(5, 9), Channel.Email, ContactDirection.Outbound, ContactOutcome.Delivered, "email-once");

        var found = new ComplianceChecker(Policy).Check(Timeline(Borrower("late"), new ContactMade(late, Local(5, 9))));

        Assert.Equal([(ViolationKind.Step, "email-once")], found.Select(v => (v.Kind, v.Rule)));
    }

    [Fact]
    public void Check_AContactAfterThePaymentThatClearedEverything_IsAStepViolation()
    {
        var timeline = Timeline(Borrower("paid"), new PaymentMade(Local(2, 12), new Money(100m, "USD"), null), Call(Local(3, 10)));

        var found = new ComplianceChecker(Policy).Check(timeline);

        Assert.Equal([(ViolationKind.Step, "call", Local(3, 10))], found.Select(v => (v.Kind, v.Rule, v.At)));
    }

    [Fact]
    public void Check_TheInitialHistory_CountsButIsNotItselfChecked()
    {
        var busy = Borrower("history") with { History = [.. Enumerable.Range(0, 7).Select(i => new ContactAttempt(Local(1, 9 + i), Channel.Call, StepId: "call"))] };

        var found = new ComplianceChecker(Policy).Check(Timeline(busy, Call(Local(2, 9))));

        Assert.Equal([(ViolationKind.Cap, Local(2, 9))], found.Select(v => (v.Kind, v.At)));
    }

    [Fact]
    public void Check_AnExperiment_ChecksEachAccountAgainstItsVariantsPolicy()
    {
        var lenient = CadencePolicy.CreateBuilder("lenient").AddStep(CadenceStep.Contact("call", Channel.Call, "call", -5, 60) with { RepeatInterval = Duration.FromHours(1) }).Build();
        var experiment = new Experiment("hours", [new ExperimentVariant("strict", Policy), new ExperimentVariant("lenient", lenient)]);
        var night = Call(Local(2, 22, 30));

        var found = new ComplianceChecker(experiment).Check([Timeline(Borrower("a"), night) with { Variant = "strict" }, Timeline(Borrower("b"), night) with { Variant = "lenient" }]);

        Assert.Equal(["a"], found.Select(v => v.AccountId));
    }

    [Fact]
    public void Check_ABorrowerInAnUnknownZone_CannotBeContacted()
    {
        var found = new ComplianceChecker(Policy).Check(Timeline(Borrower("nowhere") with { TimeZoneIds = ["Not/AZone"] }, Call(Local(2, 10))));

        Assert.Equal([(ViolationKind.Window, "zone")], found.Select(v => (v.Kind, v.Rule)));
    }

    [Fact]
    public void Check_AHoldPlacedByTheContactItself_DoesNotBlockThatContact()
    {
        var promise = new HoldRule("promise", HoldKind.PromiseToPay) { BlockedChannels = [Channel.Call], GraceDaysAfterPromisedDate = 1 };
        var policy = CadencePolicy.CreateBuilder("promise").Include(Policy).AddHoldRule(promise).Build();
        var conversation = Call(Local(2, 10), ContactOutcome.Conversation);
        var placed = new HoldPlaced(new Hold(HoldKind.PromiseToPay, Local(2, 10)) { PromisedDate = new LocalDate(2026, 6, 5) });

        var found = new ComplianceChecker(policy).Check(Timeline(Borrower("promised"), conversation, placed, Call(Local(12, 10))));

        Assert.Empty(found);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Check_FailuresAtTheInstantOfASuccess_CountAsAfterIt_WhateverTheLogOrder(bool successFirst)
    {
        var at = Local(2, 12);
        ContactMade Attempt(ContactOutcome outcome) => new(new ContactAttempt(at, Channel.Sms, ContactDirection.Outbound, outcome), at);
        AccountEvent[] failures = [Attempt(ContactOutcome.Failed), Attempt(ContactOutcome.Bounced), Attempt(ContactOutcome.Failed)];
        AccountEvent[] simultaneous = successFirst ? [Attempt(ContactOutcome.Delivered), .. failures] : [.. failures, Attempt(ContactOutcome.Delivered)];

        var found = new ComplianceChecker(Policy).Check(Timeline(Borrower("simultaneous"), [.. simultaneous, Sms(Local(2, 14))]));

        // The three failures at 12:00 count as the latest attempts (fail closed): SMS is exhausted at 14:00.
        Assert.Contains(found, v => v.Kind == ViolationKind.Exhaustion && v.At == Local(2, 14));
    }

    // Persons: every scope a contact touches.
    private static readonly CadencePolicy PersonPolicy = CadencePolicy.CreateBuilder("persons")
        .AddStep(CadenceStep.Contact("call", Channel.Call, "call", -5, 60) with { RepeatInterval = Duration.FromHours(1) })
        .AddStep(CadenceStep.Contact("sms", Channel.Sms, "sms", -5, 60) with { RepeatInterval = Duration.FromHours(1) })
        .AddStep(CadenceStep.Contact("email-once", Channel.Email, "email", 0, 3))
        .AddWindow("hours", DayKinds.All, TimeRange.Of(8, 0, 21, 0))
        .AddCap(new FrequencyCap("3-calls-per-debt-in-7-days", 3, CapPeriod.SlidingDays(7), AttemptFilter.Outbound(Channel.Call)) { Scope = RuleScope.Account })
        .AddCap(new FrequencyCap("4-calls-per-person-a-day", 4, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call)))
        .AddCap(new FrequencyCap("2-calls-per-number-a-day", 2, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call)) { Scope = RuleScope.ContactPoint })
        .AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlocksAllSteps = true })
        .AddExhaustion("sms-exhausted", 3, Channel.Sms)
        .Build();

    private static Person TwoLoans(string id = "P", params string[] regions) => new(id)
    {
        TimeZoneIds = [NewYork],
        Regions = [.. regions],
        ContactPoints =
        [
            new ContactPoint(Channel.Call) { Id = "mobile", Kind = ContactPointKind.Mobile },
            new ContactPoint(Channel.Call) { Id = "office", Kind = ContactPointKind.Work },
            new ContactPoint(Channel.Sms) { Id = "sms-1", Kind = ContactPointKind.Mobile },
            new ContactPoint(Channel.Sms) { Id = "sms-2", Kind = ContactPointKind.Mobile },
            new ContactPoint(Channel.Email) { Id = "email" },
        ],
        Accounts =
        [
            new Account("A") { DueDate = Due, AmountDue = new Money(100m, "USD") },
            new Account("B") { DueDate = Due, AmountDue = new Money(200m, "USD") },
        ],
    };

    private static ContactMade On(string point, Instant at, string step = "call", ContactOutcome outcome = ContactOutcome.NoAnswer, params string[] accounts)
        => new(new ContactAttempt(at, step == "sms" ? Channel.Sms : step == "call" ? Channel.Call : Channel.Email, ContactDirection.Outbound, outcome, step) { ContactPointId = point, AccountIds = [.. accounts] }, at);

    private static ImmutableArray<(ViolationKind Kind, string Rule, RuleScope? Scope, string? Key, Instant At)> Found(CadencePolicy policy, Person person, params AccountEvent[] events)
        => [.. new ComplianceChecker(policy).Check(new PersonTimeline(person, [.. events])).Select(v => (v.Kind, v.Rule, v.Scope, v.ScopeKey, v.At))];

    [Fact]
    public void Check_APersonsCalls_CountAnAccountCapForEachAccountTheyConcern()
    {
        // About A, B, A, A, then both: the last is the fourth about A (over 3) but only the second about B.
        var found = Found(PersonPolicy, TwoLoans(), On("mobile", Local(2, 9), accounts: "A"), On("mobile", Local(3, 9), accounts: "B"), On("office", Local(4, 9), accounts: "A"), On("office", Local(5, 9), accounts: "A"), On("mobile", Local(6, 9), accounts: ["A", "B"]));

        Assert.Equal([(ViolationKind.Cap, "3-calls-per-debt-in-7-days", RuleScope.Account, "A", Local(6, 9))], found);
    }

    [Fact]
    public void Check_APersonsCalls_CountAPersonCapOverEveryAccountAndPoint()
    {
        var found = Found(PersonPolicy, TwoLoans(), On("mobile", Local(2, 9), accounts: "A"), On("office", Local(2, 10), accounts: "B"), On("mobile", Local(2, 11), accounts: "B"), On("office", Local(2, 12), accounts: "A"), On("mobile", Local(3, 9), accounts: "B"), On("office", Local(3, 10), accounts: "A"), On("mobile", Local(3, 11), accounts: "A"), On("office", Local(3, 12), accounts: "B"), On("mobile", Local(3, 13), accounts: "B"));

        Assert.Equal([(ViolationKind.Cap, "4-calls-per-person-a-day", RuleScope.Person, "P", Local(3, 13))], found.Where(v => v.Scope == RuleScope.Person));
    }

    [Fact]
    public void Check_APersonsCalls_CountAContactPointCapPerPoint_AndACallWithoutAPointOnEveryPoint()
    {
        var found = Found(PersonPolicy, TwoLoans(), On("mobile", Local(2, 9), accounts: "A"), On("office", Local(2, 10), accounts: "B"), On("mobile", Local(2, 11), accounts: "B"), On("mobile", Local(2, 12), accounts: "B"));

        Assert.Equal([(ViolationKind.Cap, "2-calls-per-number-a-day", RuleScope.ContactPoint, "mobile", Local(2, 12))], found);

        var withoutPoint = Found(PersonPolicy, TwoLoans(), On("mobile", Local(2, 9), accounts: "A"), On("office", Local(2, 10), accounts: "B"), new ContactMade(new ContactAttempt(Local(2, 11), Channel.Call, ContactDirection.Outbound, ContactOutcome.NoAnswer, "call"), Local(2, 11)), On("office", Local(2, 12), accounts: "A"));

        // The call at 11:00 names no point: it counts on the mobile and on the office number, which is then over 2 at 12:00.
        Assert.Equal([(ViolationKind.Cap, "2-calls-per-number-a-day", RuleScope.ContactPoint, "office", Local(2, 12))], withoutPoint);
    }

    [Fact]
    public void Check_AnAccountsHold_BlocksContactsAboutThatAccountOnly_AndAPersonsHoldEveryContact()
    {
        var dispute = new Hold(HoldKind.Dispute, Local(2, 12));

        var onA = Found(PersonPolicy, TwoLoans(), new HoldPlaced(dispute) { AccountId = "A" }, On("mobile", Local(3, 9), accounts: "B"), On("office", Local(3, 10), accounts: "A"), On("mobile", Local(3, 11)));
        var onPerson = Found(PersonPolicy, TwoLoans(), new HoldPlaced(dispute), On("mobile", Local(3, 9), accounts: "B"));

        Assert.Equal([(ViolationKind.Hold, "dispute", RuleScope.Account, "A", Local(3, 10)), (ViolationKind.Hold, "dispute", RuleScope.Account, "A", Local(3, 11))], onA);
        Assert.Equal([(ViolationKind.Hold, "dispute", RuleScope.Person, "P", Local(3, 9))], onPerson);
    }

    [Fact]
    public void Check_ConsecutiveFailures_ExhaustTheirPointOnly()
    {
        var found = Found(PersonPolicy, TwoLoans(), On("sms-1", Local(2, 9), "sms", ContactOutcome.Failed), On("sms-1", Local(2, 10), "sms", ContactOutcome.Bounced), On("sms-1", Local(2, 11), "sms", ContactOutcome.Failed), On("sms-2", Local(2, 12), "sms", ContactOutcome.Delivered), On("sms-1", Local(2, 13), "sms", ContactOutcome.Delivered));

        Assert.Equal([(ViolationKind.Exhaustion, "sms-exhausted", RuleScope.ContactPoint, "sms-1", Local(2, 13))], found);
    }

    [Fact]
    public void Check_AStepServedOncePerAccount_MayServeEachAccountOnce()
    {
        var found = Found(PersonPolicy, TwoLoans(), On("email", Local(2, 9), "email-once", ContactOutcome.Delivered, "A"), On("email", Local(2, 10), "email-once", ContactOutcome.Delivered, "B"), On("email", Local(3, 10), "email-once", ContactOutcome.Delivered, "B"));

        Assert.Equal([(ViolationKind.Step, "email-once", RuleScope.Account, "B", Local(3, 10))], found);
    }

    [Fact]
    public void Check_AContactAboutAnAccountThePersonDoesNotHave_IsAViolation()
    {
        var found = Found(PersonPolicy, TwoLoans(), On("mobile", Local(2, 9), accounts: "C"));

        Assert.Equal([(ViolationKind.Step, "accounts", RuleScope.Account, "C", Local(2, 9))], found);
    }

    [Theory]
    [InlineData("US-NY", false)]
    [InlineData("US-MA", true)]
    [InlineData("US", true)]
    [InlineData(null, true)]
    public void Check_ARuleLimitedToARegion_BindsItsResidentsAndPersonsOfUnknownRegion(string? region, bool bound)
    {
        var work = new FrequencyCap("1-work-call-in-30-days", 1, CapPeriod.SlidingDays(30), AttemptFilter.Outbound(Channel.Call))
        {
            ContactPointKinds = [ContactPointKind.Work],
            Source = new RuleSource("us-massachusetts", "940 CMR 7.04(1)(f)", SourceConfidence.Verified) { Regions = ["US-MA"] },
        };
        var policy = CadencePolicy.CreateBuilder("ma").Include(PersonPolicy).AddCap(work).Build();
        var person = region is null ? TwoLoans() : TwoLoans("P", region);

        var found = Found(policy, person, On("office", Local(2, 9), accounts: "A"), On("mobile", Local(3, 9), accounts: "A"), On("office", Local(4, 9), accounts: "B"));

        Assert.Equal(bound ? [(ViolationKind.Cap, "1-work-call-in-30-days", RuleScope.Person, "P", Local(4, 9))] : [], found);
    }

    [Fact]
    public void AViolationOfAPerson_NamesThePersonTheAccountAndTheScopeKey()
    {
        var violation = new ComplianceChecker(PersonPolicy).Check(new PersonTimeline(TwoLoans(), [On("mobile", Local(2, 9), accounts: "A"), On("mobile", Local(2, 10), accounts: "B"), On("mobile", Local(2, 11), accounts: "B")])).Single();

        Assert.Equal(("P", "B"), (violation.PersonId, violation.AccountId));
        Assert.Contains("P (B) at ", violation.ToString(), StringComparison.Ordinal);
        Assert.Contains("at contact point mobile", violation.ToString(), StringComparison.Ordinal);
        Assert.Contains("on point mobile", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AnUnknownOutcome_TriggersAConversationCooldown()
    {
        var found = new ComplianceChecker(Policy).Check(Timeline(Borrower("unknown"), Call(Local(2, 10), ContactOutcome.Unknown), Call(Local(5, 10))));

        Assert.Equal([(ViolationKind.Cooldown, "after-conversation", Local(5, 10))], found.Select(v => (v.Kind, v.Rule, v.At)));
    }

    [Theory]
    [InlineData(ContactOutcome.Unknown, true)]
    [InlineData(ContactOutcome.Delivered, false)]
    public void Check_AnUnknownOutcome_IsAFailureForExhaustion_NeverASuccess(ContactOutcome between, bool exhausted)
    {
        var found = Found(PersonPolicy, TwoLoans(), On("sms-1", Local(2, 9), "sms", ContactOutcome.Failed), On("sms-1", Local(2, 10), "sms", between), On("sms-1", Local(2, 11), "sms", ContactOutcome.Failed), On("sms-1", Local(2, 13), "sms", ContactOutcome.Delivered));

        Assert.Equal(exhausted, found.Contains((ViolationKind.Exhaustion, "sms-exhausted", RuleScope.ContactPoint, "sms-1", Local(2, 13))));
    }
}
