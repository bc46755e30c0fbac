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
}
