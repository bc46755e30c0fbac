using Cadence.CustomRules;
using Cadence.Explanations;
using Cadence.Tests.Support;
using NRules.Fluent.Dsl;
using NodaTime.Testing;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Engine;

public sealed class CadenceEngineTests
{
    private static readonly LocalDate Due = new(2026, 6, 10);
    private static readonly Instant Noon = At("2026-06-15T12:00:00Z"); // D+5, a Monday, UTC

    private static ICadenceEngine Engine(CadencePolicy policy) => new BothEvaluators(policy);

    private static BorrowerState Account(string id = "A-1") => Borrower(id, Due, "UTC");

    private static CadenceStep Sms(int from = 1, int to = 29) => CadenceStep.Contact("sms", Channel.Sms, "sms-template", from, to);

    [Fact]
    public void Evaluate_StepDueToday_ProposesItNow()
    {
        var d = Engine(Policies.Single(Sms())).Evaluate(Account(), Noon);

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal("sms", d.Step!.Id);
        Assert.Equal(Channel.Sms, d.Channel);
        Assert.Equal("sms-template", d.Template);
        Assert.Equal(Noon, d.NotBefore);
    }

    [Fact]
    public void Evaluate_StepWhoseFirstDayWasMissed_IsStillDueWhileItsWindowLasts()
    {
        var d = Engine(Policies.Single(Sms(from: 2, to: 6))).Evaluate(Account(), Noon);

        Assert.Equal(DecisionKind.Contact, d.Kind);
    }

    [Fact]
    public void Evaluate_StepWindowInTheFuture_WaitsUntilItsFirstDay()
    {
        var d = Engine(Policies.Single(Sms(from: 8, to: 9))).Evaluate(Account(), Noon);

        Assert.Equal(DecisionKind.Wait, d.Kind);
        Assert.Equal(At("2026-06-18T00:00:00Z"), d.ReviewAt);
    }

    [Fact]
    public void Evaluate_SingleShotStepAlreadyServed_IsNotProposedAgain()
    {
        var served = Account().WithHistory(new ContactAttempt(Noon - Duration.FromDays(1), Channel.Sms, StepId: "sms"));

        var d = Engine(Policies.Single(Sms())).Evaluate(served, Noon);

        Assert.Equal(DecisionKind.None, d.Kind);
    }

    [Fact]
    public void Evaluate_StepServedForAnEarlierDueDate_IsDueAgainForTheNextOne()
    {
        var policy = Policies.SeedCadence();
        var january = new ContactAttempt(Accounts.Local("America/New_York", 2026, 1, 5, 10), Channel.Email, StepId: "email-pre-due");
        var february = Borrower("cycle", new LocalDate(2026, 2, 10), "America/New_York").WithHistory(january);

        var d = Engine(policy).Evaluate(february, Accounts.Local("America/New_York", 2026, 2, 4, 10));

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal("email-pre-due", d.Step!.Id);
    }

    [Fact]
    public void Evaluate_RepeatingStep_WaitsForItsRepeatInterval()
    {
        var step = Sms() with { RepeatInterval = Duration.FromDays(3) };
        var served = Account().WithHistory(new ContactAttempt(Noon - Duration.FromDays(1), Channel.Sms, StepId: "sms"));

        var d = Engine(Policies.Single(step)).Evaluate(served, Noon);

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal(Noon + Duration.FromDays(2), d.NotBefore);
        Assert.Contains(d.Explanation!.Candidates.Single().Reasons, r => r.Code == ReasonCode.RepeatInterval);
    }

    [Fact]
    public void Evaluate_RepeatingStepAtItsMaximumAttempts_IsNotProposed()
    {
        var step = Sms() with { RepeatInterval = Duration.FromHours(1), MaxAttempts = 2 };
        var served = Account().WithHistory(
            new ContactAttempt(Noon - Duration.FromDays(2), Channel.Sms, StepId: "sms"),
            new ContactAttempt(Noon - Duration.FromDays(1), Channel.Sms, StepId: "sms"));

        Assert.Equal(DecisionKind.None, Engine(Policies.Single(step)).Evaluate(served, Noon).Kind);
    }

    [Fact]
    public void Evaluate_RepeatIntervalPastTheStepWindow_DropsTheStep()
    {
        var step = Sms(1, 5) with { RepeatInterval = Duration.FromDays(3) };
        var served = Account().WithHistory(new ContactAttempt(Noon - Duration.FromHours(1), Channel.Sms, StepId: "sms"));

        var d = Engine(Policies.Single(step)).Evaluate(served, Noon);

        Assert.Equal(DecisionKind.None, d.Kind);
        var candidate = Assert.Single(d.Explanation!.Candidates);
        Assert.Equal(CandidateStatus.Dropped, candidate.Status);
        Assert.Equal(ReasonCode.StepWindowEnded, candidate.Reasons[^1].Code);
    }

    [Fact]
    public void Evaluate_ConditionNotMet_DoesNotProposeTheStep()
    {
        var step = Sms() with { Conditions = [StepCondition.HasTag("vip"), StepCondition.AmountAtLeast(100m)] };
        var policy = Policies.Single(step);

        Assert.Equal(DecisionKind.None, Engine(policy).Evaluate(Account(), Noon).Kind);
        Assert.Equal(DecisionKind.Contact, Engine(policy).Evaluate(Account() with { Tags = ["vip"] }, Noon).Kind);
        Assert.Equal(DecisionKind.None, Engine(policy).Evaluate(Account() with { Tags = ["vip"], AmountDue = new Money(99m, "USD") }, Noon).Kind);
    }

    [Theory]
    [InlineData(true, true, false, ReasonCode.OptedOut)]
    [InlineData(false, false, false, ReasonCode.ConsentMissing)]
    [InlineData(true, false, true, ReasonCode.WorkplaceRestricted)]
    public void Evaluate_ContactPointNotUsable_BlocksTheChannel(bool consent, bool optedOut, bool workplace, ReasonCode expected)
    {
        var policy = Policies.Single(Sms(), b => b.RequireConsent(Channel.Sms).RestrictWorkplace(Channel.Sms));
        var account = Account().WithPoint(new ContactPoint(Channel.Sms) { ConsentGiven = consent, OptedOut = optedOut, IsWorkplace = workplace });

        var d = Engine(policy).Evaluate(account, Noon);

        Assert.NotEqual(DecisionKind.Contact, d.Kind);
        var candidate = Assert.Single(d.Explanation!.Candidates);
        Assert.Equal(CandidateStatus.Blocked, candidate.Status);
        Assert.Contains(candidate.Reasons, r => r.Code == expected);
    }

    [Fact]
    public void Evaluate_NoContactPointOnTheChannel_BlocksIt()
    {
        var account = Account() with { ContactPoints = [new ContactPoint(Channel.Email)] };

        var d = Engine(Policies.Single(Sms())).Evaluate(account, Noon);

        Assert.Equal(ReasonCode.NoContactPoint, d.Explanation!.Candidates.Single().Reasons.Single().Code);
    }

    [Fact]
    public void Evaluate_ConsecutiveFailuresReachTheLimit_ExhaustsTheChannelUntilTheContactPointIsUpdated()
    {
        var policy = Policies.Single(Sms() with { RepeatInterval = Duration.FromHours(1) }, b => b.AddExhaustion("three-failures", 3, Channel.Sms));
        var failures = Enumerable.Range(1, 3).Select(i => new ContactAttempt(Noon - Duration.FromDays(i), Channel.Sms, Outcome: ContactOutcome.Failed, StepId: "sms")).ToArray();
        var exhausted = Account().WithHistory(failures);

        var blocked = Engine(policy).Evaluate(exhausted, Noon);
        var renewed = Engine(policy).Evaluate(exhausted.WithPoint(new ContactPoint(Channel.Sms) { UpdatedAt = Noon - Duration.FromHours(2) }), Noon);
        var brokenStreak = Engine(policy).Evaluate(exhausted.WithHistory(new ContactAttempt(Noon - Duration.FromHours(5), Channel.Sms, Outcome: ContactOutcome.Delivered)), Noon);

        Assert.Contains(blocked.Explanation!.Candidates.Single().Reasons, r => r.Code == ReasonCode.ChannelExhausted);
        Assert.Equal(DecisionKind.Contact, renewed.Kind);
        Assert.Equal(DecisionKind.Contact, brokenStreak.Kind);
    }

    [Fact]
    public void Evaluate_ABookedAttemptThatDidNotFail_DoesNotReopenAChannelExhaustedBeforeIt()
    {
        var policy = Policies.Single(Sms() with { RepeatInterval = Duration.FromHours(1) }, b => b.AddExhaustion("three-failures", 3, Channel.Sms));
        var failures = Enumerable.Range(1, 3).Select(i => new ContactAttempt(Noon - Duration.FromDays(i), Channel.Sms, Outcome: ContactOutcome.Failed, StepId: "sms"));
        var booked = new ContactAttempt(Noon + Duration.FromHours(5), Channel.Sms, Outcome: ContactOutcome.Delivered);

        var d = Engine(policy).Evaluate(Account().WithHistory([.. failures, booked]), Noon);

        Assert.NotEqual(DecisionKind.Contact, d.Kind);
        Assert.Contains(d.Explanation!.Candidates.Single().Reasons, r => r.Code == ReasonCode.ChannelExhausted);
    }

    [Theory]
    [InlineData(ContactOutcome.NoAnswer, ContactOutcome.Bounced)]
    [InlineData(ContactOutcome.Bounced, ContactOutcome.NoAnswer)]
    public void ConsecutiveFailures_AFailureAtTheInstantOfASuccess_CountsAsAfterIt_WhateverTheirOrder(ContactOutcome first, ContactOutcome second)
    {
        var policy = Policies.Single(Sms(), b => b.AddExhaustion("three-failures", 3, Channel.Sms));
        var at = Noon - Duration.FromHours(3);
        var account = Account().WithHistory(
            new ContactAttempt(Noon - Duration.FromDays(1), Channel.Sms, Outcome: ContactOutcome.Failed),
            new ContactAttempt(at, Channel.Sms, Outcome: first),
            new ContactAttempt(at, Channel.Sms, Outcome: second));
        var facts = Support.Facts.Derive(policy, account, Noon);

        // Simultaneous attempts have no order: the bounce counts (fail closed), the no-answer ends the streak.
        Assert.Equal(1, facts.ConsecutiveFailures(Channel.Sms, ExhaustionRule.DefaultFailureOutcomes));
    }

    [Fact]
    public void Evaluate_HoldBlockingEveryStep_SuppressesUntilTheHoldEnds()
    {
        var policy = Policies.Single(Sms(), b => b.AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlocksAllSteps = true }));
        var until = Noon + Duration.FromDays(4);
        var account = Account().WithHolds(new Hold(HoldKind.Dispute, Noon - Duration.FromDays(30), until));

        var d = Engine(policy).Evaluate(account, Noon);

        Assert.Equal(DecisionKind.Suppressed, d.Kind);
        Assert.Equal(HoldKind.Dispute, d.SuppressedBy);
        Assert.Equal(until, d.ReviewAt);
    }

    [Fact]
    public void Evaluate_BackDatedHoldRecordedAfterTheFact_StillBlocks()
    {
        var policy = Policies.Single(Sms(), b => b.AddHoldRule(new HoldRule("cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true }));
        var account = Account().WithHolds(new Hold(HoldKind.CeaseCommunication, Noon - Duration.FromDays(10)));

        var d = Engine(policy).Evaluate(account, Noon);

        Assert.Equal(DecisionKind.Suppressed, d.Kind);
        Assert.Null(d.ReviewAt);
    }

    [Fact]
    public void Evaluate_HoldThatHasEnded_DoesNotBlock()
    {
        var policy = Policies.Single(Sms(), b => b.AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlocksAllSteps = true }));
        var account = Account().WithHolds(new Hold(HoldKind.Dispute, Noon - Duration.FromDays(10), Noon - Duration.FromDays(1)));

        Assert.Equal(DecisionKind.Contact, Engine(policy).Evaluate(account, Noon).Kind);
    }

    [Fact]
    public void Evaluate_HoldStartingLater_DefersTheContactPastIt()
    {
        var policy = Policies.Single(Sms(), b => b.AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlockedChannels = [Channel.Sms] })
            .AddWindow("day", DayKinds.All, TimeRange.Of(14, 0, 18, 0)));
        var account = Account().WithHolds(new Hold(HoldKind.Dispute, At("2026-06-15T13:00:00Z"), At("2026-06-16T15:00:00Z")));

        var d = Engine(policy).Evaluate(account, Noon);

        Assert.Equal(At("2026-06-16T15:00:00Z"), d.NotBefore);
        Assert.Contains(d.Explanation!.Candidates.Single().Reasons, r => r.Code == ReasonCode.HoldUpcoming);
    }

    [Fact]
    public void Evaluate_PromiseToPay_PausesStepsThroughThePromisedDatePlusGrace()
    {
        var policy = Policies.Single(Sms(), b => b.AddHoldRule(new HoldRule("promise", HoldKind.PromiseToPay) { BlockedSteps = ["sms"], GraceDaysAfterPromisedDate = 2 }));
        var account = Account().WithHolds(new Hold(HoldKind.PromiseToPay, Noon - Duration.FromDays(1)) { PromisedDate = new LocalDate(2026, 6, 17) });

        var d = Engine(policy).Evaluate(account, Noon);

        Assert.Equal(DecisionKind.Suppressed, d.Kind);
        Assert.Equal(At("2026-06-20T00:00:00Z"), d.ReviewAt);
        Assert.Equal(DecisionKind.Contact, Engine(policy).Evaluate(account, At("2026-06-20T00:00:00Z")).Kind);
    }

    [Fact]
    public void Evaluate_HoldBlockingOneChannel_LetsAnotherStepThrough()
    {
        var policy = CadencePolicy.CreateBuilder("two").WithDefaultZone("UTC")
            .AddStep(Sms() with { Priority = 2 })
            .AddStep(CadenceStep.Contact("letter", Channel.Letter, "letter", 1, 29) with { Priority = 1 })
            .AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlockedChannels = [Channel.Sms] })
            .Build();
        var account = Account().WithHolds(new Hold(HoldKind.Dispute, Noon - Duration.FromDays(1)));

        var d = Engine(policy).Evaluate(account, Noon);

        Assert.Equal("letter", d.Step!.Id);
    }

    [Fact]
    public void Evaluate_RollingCapReached_DefersUntilTheOldestCountedAttemptLeavesTheWindow()
    {
        var policy = Policies.Single(Sms() with { RepeatInterval = Duration.FromMinutes(1) }, b => b.AddCap("two-a-day", 2, CapPeriod.Rolling(Duration.FromHours(24)), AttemptFilter.Outbound(Channel.Sms)));
        var account = Account().WithHistory(
            new ContactAttempt(Noon - Duration.FromHours(20), Channel.Sms),
            new ContactAttempt(Noon - Duration.FromHours(2), Channel.Sms),
            new ContactAttempt(Noon - Duration.FromHours(3), Channel.Sms, ContactDirection.Inbound));

        var d = Engine(policy).Evaluate(account, Noon);

        Assert.Equal(Noon + Duration.FromHours(4), d.NotBefore);
        Assert.Contains(d.Explanation!.Candidates.Single().Reasons, r => r.Code == ReasonCode.CapReached && r.RuleName == "cap:two-a-day");
    }

    [Fact]
    public void Evaluate_CalendarMonthCapReached_DefersToTheFirstOfNextMonth()
    {
        var policy = Policies.Single(Sms() with { RepeatInterval = Duration.FromMinutes(1) }, b => b.AddCap("one-a-month", 1, CapPeriod.CalendarMonth, AttemptFilter.Outbound(Channel.Sms)));
        var account = Account().WithHistory(new ContactAttempt(At("2026-06-01T09:00:00Z"), Channel.Sms));

        var d = Engine(policy).Evaluate(account, Noon);

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal(At("2026-07-01T00:00:00Z"), d.NotBefore);
    }

    [Fact]
    public void Evaluate_AttemptBookedAfterNow_CountsAsAlreadyMade()
    {
        var policy = Policies.Single(Sms() with { RepeatInterval = Duration.FromMinutes(1) }, b => b.AddCap("one-a-day", 1, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Sms)));
        var account = Account().WithHistory(new ContactAttempt(Noon + Duration.FromHours(3), Channel.Sms));

        var d = Engine(policy).Evaluate(account, Noon);

        Assert.Equal(At("2026-06-16T00:00:00Z"), d.NotBefore);
    }

    [Fact]
    public void Evaluate_MinimumGapBetweenContacts_DefersByTheGap()
    {
        var policy = Policies.Single(Sms(), b => b.AddMinimumGap("four-hours", Duration.FromHours(4)));
        var account = Account().WithHistory(new ContactAttempt(Noon - Duration.FromHours(1), Channel.Email));

        Assert.Equal(Noon + Duration.FromHours(3), Engine(policy).Evaluate(account, Noon).NotBefore);
    }

    [Fact]
    public void Evaluate_CooldownOnlyCountsItsTriggerOutcomes()
    {
        var policy = Policies.Single(Sms(), b => b.AddCooldown("after-conversation", AttemptFilter.AnyDirection(Channel.Call).WithOutcomes(ContactOutcome.Conversation), CooldownLength.CalendarDays(2), Channel.Sms));
        var noAnswer = Account().WithHistory(new ContactAttempt(Noon - Duration.FromHours(1), Channel.Call, Outcome: ContactOutcome.NoAnswer));
        var talked = Account().WithHistory(new ContactAttempt(Noon - Duration.FromHours(1), Channel.Call, ContactDirection.Inbound, ContactOutcome.Conversation));

        Assert.Equal(Noon, Engine(policy).Evaluate(noAnswer, Noon).NotBefore);
        Assert.Equal(At("2026-06-17T00:00:00Z"), Engine(policy).Evaluate(talked, Noon).NotBefore);
    }

    [Fact]
    public void Evaluate_NoAllowedInstantWithinTheHorizon_DropsTheCandidateAndWaits()
    {
        var policy = Policies.Single(Sms(1, 300), b => b.WithHorizon(Duration.FromDays(2)).AddCooldown("long", AttemptFilter.Outbound(Channel.Sms), CooldownLength.Of(Duration.FromDays(10)), Channel.Sms));
        var account = Account().WithHistory(new ContactAttempt(Noon - Duration.FromDays(1), Channel.Sms));

        var d = Engine(policy).Evaluate(account, Noon);

        Assert.Equal(DecisionKind.Wait, d.Kind);
        Assert.Equal(Noon + Duration.FromDays(2), d.ReviewAt);
        Assert.Equal(ReasonCode.BeyondHorizon, d.Explanation!.Candidates.Single().Reasons[^1].Code);
    }

    [Fact]
    public void Evaluate_SeveralAllowedSteps_ChoosesByPriorityThenEarliest()
    {
        var builder = CadencePolicy.CreateBuilder("order").WithDefaultZone("UTC")
            .AddStep(CadenceStep.Contact("email", Channel.Email, "e", 1, 29) with { Priority = 1 })
            .AddStep(CadenceStep.Contact("call", Channel.Call, "c", 1, 29) with { Priority = 5 })
            .AddWindow("calls-afternoon", [Channel.Call], DayKinds.All, TimeRange.Of(15, 0, 18, 0));

        var byPriority = Engine(builder.Build()).Evaluate(Account(), Noon);
        var byTime = Engine(CadencePolicy.Compose("earliest", CadencePolicy.CreateBuilder("order2").WithDefaultZone("UTC")
            .WithSelectionOrder(SelectionOrder.EarliestThenPriority)
            .AddStep(CadenceStep.Contact("email", Channel.Email, "e", 1, 29) with { Priority = 1 })
            .AddStep(CadenceStep.Contact("call", Channel.Call, "c", 1, 29) with { Priority = 5 })
            .AddWindow("calls-afternoon", [Channel.Call], DayKinds.All, TimeRange.Of(15, 0, 18, 0)).Build())).Evaluate(Account(), Noon);

        Assert.Equal("call", byPriority.Step!.Id);
        Assert.Equal(At("2026-06-15T15:00:00Z"), byPriority.NotBefore);
        Assert.Equal("email", byTime.Step!.Id);
        Assert.Contains(byTime.Explanation!.Candidates, c => c.StepId == "call" && c.Status == CandidateStatus.Outranked);
    }

    [Fact]
    public void Evaluate_EscalationStep_EscalatesWithoutAContactWindow()
    {
        var policy = Policies.Single(CadenceStep.Escalation("agency", "agency-placement", 1, 400), b => b.AddWindow("never-at-noon", DayKinds.All, TimeRange.Of(8, 0, 9, 0)));

        var d = Engine(policy).Evaluate(Account(), Noon);

        Assert.Equal(DecisionKind.Escalate, d.Kind);
        Assert.Equal("agency-placement", d.Step!.EscalationKind);
        Assert.Null(d.Channel);
        Assert.Equal(Noon, d.NotBefore);
    }

    [Fact]
    public void Evaluate_EscalationRecordedInHistory_IsServed()
    {
        var policy = Policies.Single(CadenceStep.Escalation("agency", "agency-placement", 1, 400));
        var account = Account().WithHistory(new ContactAttempt(Noon - Duration.FromDays(1), Channel.None, StepId: "agency"));

        Assert.Equal(DecisionKind.None, Engine(policy).Evaluate(account, Noon).Kind);
    }

    [Fact]
    public void Evaluate_ConditionOnAHoldThatEnds_WaitsForTheHoldToEndInsteadOfGivingUp()
    {
        var policy = Policies.Single(Sms() with { Conditions = [StepCondition.NoHoldActive(HoldKind.PaymentPlan)] });
        var account = Account().WithHolds(new Hold(HoldKind.PaymentPlan, Noon - Duration.FromDays(20), Noon + Duration.FromDays(1)));

        var d = Engine(policy).Evaluate(account, Noon);

        Assert.Equal(DecisionKind.Wait, d.Kind);
        Assert.Equal(Noon + Duration.FromDays(1), d.ReviewAt);
        Assert.Equal(DecisionKind.Contact, Engine(policy).Evaluate(account, Noon + Duration.FromDays(1)).Kind);
    }

    [Fact]
    public void Evaluate_RepeatingEscalation_WaitsForItsRepeatInterval()
    {
        var policy = Policies.Single(CadenceStep.Escalation("bureau", "credit-bureau-notice", 1, 90) with { MaxAttempts = 3, RepeatInterval = Duration.FromDays(30) });
        var account = Account().WithHistory(new ContactAttempt(Noon - Duration.FromHours(1), Channel.None, StepId: "bureau"));

        var d = Engine(policy).Evaluate(account, Noon);

        Assert.Equal(DecisionKind.Escalate, d.Kind);
        Assert.Equal(Noon - Duration.FromHours(1) + Duration.FromDays(30), d.NotBefore);
    }

    [Fact]
    public void EvaluateBatch_InstantTooFarOutToHaveALocalDate_FailsOnlyThatAccount()
    {
        var engine = new CadenceEngine(Policies.Single(Sms()), new CadenceEngineOptions { MinimumPartitionSize = 1 });
        var broken = Borrower("far", Due, "Asia/Tokyo").WithHistory(new ContactAttempt(Instant.MaxValue, Channel.Sms));

        var decisions = engine.EvaluateBatch([Account("ok-1"), broken, Account("ok-2")], Noon, TestContext.Current.CancellationToken);

        Assert.Equal([DecisionKind.Contact, DecisionKind.Error, DecisionKind.Contact], decisions.Select(d => d.Kind));
        Assert.Equal(ReasonCode.InvalidAccount, decisions[1].Error!.Code);
    }

    [Fact]
    public void Evaluate_CustomRuleProposingAStepAlreadyServed_IsBlockedByItsMaximumAttempts()
    {
        var policy = Policies.Single(Sms(100, 200), b => b.AddCustomRule(new ProposeSmsOnPromiseBrokenRule()));
        var served = Account() with { Tags = ["promise-broken"], History = [new ContactAttempt(Noon - Duration.FromDays(1), Channel.Sms, StepId: "sms")] };

        var d = Engine(policy).Evaluate(served, Noon);

        Assert.NotEqual(DecisionKind.Contact, d.Kind);
        Assert.Contains(d.Explanation!.Candidates.Single().Reasons, r => r.Code == ReasonCode.MaxAttemptsReached);
    }

    [Fact]
    public void Constructor_CopiesTheOptions_SoChangingThemLaterChangesNothing()
    {
        var options = new CadenceEngineOptions { IncludeExplanations = true };
        var engine = new CadenceEngine(Policies.Single(Sms()), options);

        options.IncludeExplanations = false;

        Assert.NotNull(engine.Evaluate(Account(), Noon).Explanation);
    }

    [Fact]
    public void Evaluate_NothingOwed_IsNone()
    {
        var d = Engine(Policies.Single(Sms())).Evaluate(Account() with { DueDate = null }, Noon);

        Assert.Equal(DecisionKind.None, d.Kind);
        Assert.Equal(ReasonCode.NothingOwed, d.Explanation!.Reasons.Single().Code);
    }

    [Fact]
    public void Evaluate_NothingOwedUnderAHoldThatBlocksEverything_IsNoneRatherThanSuppressed()
    {
        var policy = Policies.Single(Sms(), b => b.AddHoldRule(new HoldRule("cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true }));
        var paid = Account().WithHolds(new Hold(HoldKind.CeaseCommunication, Noon - Duration.FromDays(3))) with { DueDate = null };
        var owing = Account().WithHolds(new Hold(HoldKind.CeaseCommunication, Noon - Duration.FromDays(3))) with { DueDate = new LocalDate(2026, 7, 30) };

        Assert.Equal(DecisionKind.None, Engine(policy).Evaluate(paid, Noon).Kind);
        Assert.Equal(DecisionKind.Suppressed, Engine(policy).Evaluate(owing, Noon).Kind);
    }

    [Fact]
    public void Evaluate_UnknownZone_IsAnErrorNamingTheAccountAndTheZone()
    {
        var d = Engine(Policies.Single(Sms())).Evaluate(Borrower("A-9", Due, "Mars/Olympus"), Noon);

        Assert.Equal(DecisionKind.Error, d.Kind);
        Assert.Null(d.Step);
        Assert.Equal("account 'A-9': timeZoneIds[0] 'Mars/Olympus' is not a known IANA time zone", d.Error!.Message);
    }

    [Fact]
    public void Evaluate_NoZoneAndNoDefaultZone_IsAnError()
    {
        var policy = CadencePolicy.CreateBuilder("no-default").AddStep(Sms()).Build();

        var d = Engine(policy).Evaluate(Borrower("A-2", Due), Noon);

        Assert.Equal(DecisionKind.Error, d.Kind);
        Assert.Contains("has no time zone and policy 'no-default' has no default zone", d.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SeveralProblemsInOneAccount_ReportsThemAll()
    {
        var account = Borrower("A-3", Due, "Nowhere/City") with
        {
            ContactPoints = [new ContactPoint(Channel.Sms), new ContactPoint(Channel.Sms)],
            Holds = [new Hold(HoldKind.Dispute, Noon, Noon - Duration.FromDays(1))],
        };

        var message = Engine(Policies.Single(Sms())).Evaluate(account, Noon).Error!.Message;

        Assert.Contains("timeZoneIds[0] 'Nowhere/City'", message, StringComparison.Ordinal);
        Assert.Contains("contactPoints[1] is a second contact point for Sms", message, StringComparison.Ordinal);
        Assert.Contains("holds[0] ('dispute') ends", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ExplanationsSwitchedOff_CarriesNone()
    {
        var engine = new CadenceEngine(Policies.Single(Sms()), new CadenceEngineOptions { IncludeExplanations = false });

        var d = engine.Evaluate(Account(), Noon);

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Null(d.Explanation);
    }

    [Fact]
    public void EvaluateNow_UsesTheInjectedClock()
    {
        var engine = new CadenceEngine(Policies.Single(Sms()), clock: new FakeClock(Noon));

        Assert.Equal(Noon, engine.EvaluateNow(Account()).NotBefore);
    }

    [Fact]
    public void EvaluateNow_WithoutAClock_Throws()
    {
        var engine = new CadenceEngine(Policies.Single(Sms()));

        Assert.Throws<InvalidOperationException>(() => engine.EvaluateNow(Account()));
    }

    [Fact]
    public void Description_OfTheNRulesEvaluator_NamesItsRules()
    {
        var engine = new CadenceEngine(Policies.SeedCadence(), new CadenceEngineOptions { Evaluator = CadenceEvaluator.NRules });

        Assert.Equal(CadenceEvaluator.NRules, engine.Evaluator);
        Assert.Equal("NRules evaluator for policy 'seed-cadence': 21 rules (11 step rules, 1 pairing rule, 9 guard rules, 0 custom rules)", engine.Description);
        Assert.Equal(21, engine.Rules!.Count);
        Assert.Contains(engine.Rules, r => r.Name == "pairing");
        Assert.Contains(engine.Rules, r => r.Name == "step:call-overdue");
    }

    [Fact]
    public void Evaluator_ByDefault_IsCompiledAndSaysWhy()
    {
        var engine = new CadenceEngine(Policies.SeedCadence());

        Assert.Equal(CadenceEvaluator.Compiled, engine.Evaluator);
        Assert.Equal("Compiled evaluator for policy 'seed-cadence': 11 steps, 9 guards (chosen because the policy has no custom NRules rules)", engine.Description);
    }

    [Fact]
    public void Evaluator_ForAPolicyWithCustomRules_IsNRules()
    {
        var policy = Policies.Single(Sms(), b => b.AddCustomRule(new NoSmsForVipRule()));

        Assert.Equal(CadenceEvaluator.NRules, new CadenceEngine(policy).Evaluator);
        var ex = Assert.Throws<ArgumentException>(() => new CadenceEngine(policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.Compiled }));
        Assert.StartsWith("Policy 'single' has 1 custom NRules rules, which only the NRules evaluator runs.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateBatch_AnswersEveryAccountInInputOrder()
    {
        var engine = new CadenceEngine(Policies.Single(Sms()), new CadenceEngineOptions { MinimumPartitionSize = 1, MaxDegreeOfParallelism = 4 });
        var accounts = Enumerable.Range(0, 50).Select(i => i % 7 == 3 ? Borrower($"A-{i}", Due, "Bad/Zone") : Account($"A-{i}")).ToList();
        accounts[10] = null!;

        var decisions = engine.EvaluateBatch(accounts, Noon, TestContext.Current.CancellationToken);

        Assert.Equal(accounts.Count, decisions.Length);
        for (var i = 0; i < accounts.Count; i++)
        {
            var expected = i == 10 ? "accounts[10]" : $"A-{i}";
            Assert.Equal(expected, decisions[i].AccountId);
            Assert.Equal(i == 10 || i % 7 == 3 ? DecisionKind.Error : DecisionKind.Contact, decisions[i].Kind);
        }
    }

    [Fact]
    public void EvaluateBatch_IntoACallersBuffer_WritesEveryDecisionInPlaceWithoutExplanations()
    {
        var engine = new CadenceEngine(Policies.Single(Sms()), new CadenceEngineOptions { MinimumPartitionSize = 1, MaxDegreeOfParallelism = 3 });
        BorrowerState[] accounts = [.. Enumerable.Range(0, 10).Select(i => Account($"A-{i}"))];
        var buffer = new Decision[12];

        engine.EvaluateBatch(accounts, buffer.AsMemory(1), Noon, TestContext.Current.CancellationToken);

        Assert.Equal(default, buffer[0]);
        Assert.Equal(accounts.Select(a => a.AccountId), buffer.Skip(1).Take(10).Select(d => d.AccountId));
        Assert.All(buffer.Skip(1).Take(10), d => Assert.Null(d.Explanation));
        Assert.Equal(default, buffer[11]);
        Assert.Throws<ArgumentException>(() => engine.EvaluateBatch(accounts, new Decision[9], Noon, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EvaluateStream_YieldsOneDecisionPerAccountInOrderAcrossChunks()
    {
        var engine = new CadenceEngine(Policies.Single(Sms()));
        var accounts = Enumerable.Range(0, 25).Select(i => i == 7 ? Borrower("bad", Due, "No/Zone") : Account($"A-{i}")).ToList();

        var decisions = new List<Decision>();
        await foreach (var d in engine.EvaluateStream(accounts.ToAsyncEnumerable(), Noon, chunkSize: 10, TestContext.Current.CancellationToken))
        {
            decisions.Add(d);
        }

        Assert.Equal(accounts.Select(a => a.AccountId), decisions.Select(d => d.AccountId));
        Assert.Equal(DecisionKind.Error, decisions[7].Kind);
        Assert.Equal(engine.EvaluateBatch(accounts, Noon, TestContext.Current.CancellationToken), decisions);
    }

    [Fact]
    public void Evaluate_CustomRuleBlockingACandidate_IsHonoured()
    {
        var policy = Policies.Single(Sms(), b => b.AddCustomRule(new NoSmsForVipRule()));

        var vip = Engine(policy).Evaluate(Account() with { Tags = ["vip"] }, Noon);
        var regular = Engine(policy).Evaluate(Account(), Noon);

        Assert.Equal(DecisionKind.None, vip.Kind);
        Assert.Equal(new ExplanationReason("vip-no-sms", ReasonCode.BlockedByCustomRule), vip.Explanation!.Candidates.Single().Reasons.Single());
        Assert.Equal(DecisionKind.Contact, regular.Kind);
    }

    [Fact]
    public void Evaluate_CustomRuleProposingAStep_IsStillBoundByWindowsAndCaps()
    {
        var policy = Policies.Single(Sms(100, 200), b => b
            .AddCustomRule(new ProposeSmsOnPromiseBrokenRule())
            .AddWindow("day", DayKinds.All, TimeRange.Of(14, 0, 18, 0)));

        var d = Engine(policy).Evaluate(Account() with { Tags = ["promise-broken"] }, Noon);

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal(At("2026-06-15T14:00:00Z"), d.NotBefore);
        Assert.Equal("promise-broken-follow-up", d.Explanation!.Candidates.Single().ProposedBy);
    }

    [Fact]
    public void EvaluateBatch_CustomRuleThrowing_FailsOnlyThatAccountAndNamesTheRule()
    {
        var engine = new CadenceEngine(Policies.Single(Sms(), b => b.AddCustomRule(new ThrowingRule())), new CadenceEngineOptions { MinimumPartitionSize = 1 });
        var accounts = new[] { Account("ok-1"), Account("boom") with { Tags = ["explode"] }, Account("ok-2") };

        var decisions = engine.EvaluateBatch(accounts, Noon, TestContext.Current.CancellationToken);

        Assert.Equal([DecisionKind.Contact, DecisionKind.Error, DecisionKind.Contact], decisions.Select(d => d.Kind));
        Assert.Equal(ReasonCode.RuleFailed, decisions[1].Error!.Code);
        Assert.Equal("throwing-rule", decisions[1].Error!.RuleName);
        Assert.Contains("rule 'throwing-rule' failed: custom rule bug", decisions[1].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CustomConditionThrowing_FailsTheAccountClosed()
    {
        var step = Sms() with { Conditions = [StepCondition.Custom("fragile", f => f.State.Tags[0] == "x")] };
        var engine = Engine(Policies.Single(step));

        var failed = engine.Evaluate(Account(), Noon);
        var fine = engine.Evaluate(Account() with { Tags = ["x"] }, Noon);

        Assert.Equal(DecisionKind.Error, failed.Kind);
        Assert.Equal(ReasonCode.RuleFailed, failed.Error!.Code);
        Assert.StartsWith("account 'A-1': a rule condition failed: ", failed.Error.Message, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.Contact, fine.Kind);
    }

    [Fact]
    public void Evaluate_CustomRuleConditionThrowing_FailsTheAccountClosedAndTheEngineRecovers()
    {
        var engine = new CadenceEngine(Policies.Single(Sms(), b => b.AddCustomRule(new ThrowingConditionRule())));

        var failed = engine.Evaluate(Account("boom") with { Tags = ["explode"] }, Noon);
        var after = engine.Evaluate(Account("after"), Noon);

        Assert.Equal(DecisionKind.Error, failed.Kind);
        Assert.Equal(DecisionKind.Contact, after.Kind);
    }

    [Fact]
    public void EvaluateBatch_AfterABatch_TheEngineHoldsNoBorrowersData()
    {
        var engine = new CadenceEngine(Policies.Single(Sms(), b => b.AddCap("daily", 3, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Sms))));

        var traces = EvaluateAndForget(engine);
        for (var i = 0; i < 3 && traces.Any(t => t.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.All(traces, t => Assert.False(t.IsAlive));
        GC.KeepAlive(engine);
    }

    /// <summary>Evaluates accounts with unsorted short and long histories, and returns weak references to their data (accounts, attempts, contact points).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static List<WeakReference> EvaluateAndForget(CadenceEngine engine)
    {
        var accounts = new[] { 3, 100 }.Select(n => Account($"A-{n}").WithHistory([.. Enumerable.Range(0, n).Reverse().Select(k => new ContactAttempt(Noon - Duration.FromHours(k + 1), Channel.Email))])).ToArray();
        engine.EvaluateBatch(accounts, Noon);
        engine.Evaluate(accounts[0], Noon);
        return [.. accounts.Select(a => new WeakReference(a)), .. accounts.SelectMany(a => a.History).Select(h => new WeakReference(h)), .. accounts.SelectMany(a => a.ContactPoints).Select(p => new WeakReference(p))];
    }

    public sealed class ThrowingConditionRule : Rule
    {
        public override void Define()
        {
            AccountFacts facts = null!;
            Name("throwing-condition");
            When().Match(() => facts, f => f.HasTag("explode") && f.State.Holds[5].From == f.Now);
            Then().Do(ctx => ctx.Insert(facts.Propose("sms", "throwing-condition")));
        }
    }

    public sealed class NoSmsForVipRule : Rule
    {
        public override void Define()
        {
            AccountFacts facts = null!;
            Candidate candidate = null!;
            Name("vip-no-sms");
            When()
                .Match(() => facts, f => f.HasTag("vip"))
                .Match(() => candidate, c => c.Channel == Channel.Sms);
            Then()
                .Do(ctx => ctx.Insert(new CandidateBlock(candidate, "vip-no-sms", ReasonCode.BlockedByCustomRule, null)));
        }
    }

    public sealed class ProposeSmsOnPromiseBrokenRule : Rule
    {
        public override void Define()
        {
            AccountFacts facts = null!;
            Name("promise-broken-follow-up");
            When().Match(() => facts, f => f.HasTag("promise-broken"));
            Then().Do(ctx => ctx.Insert(facts.Propose("sms", "promise-broken-follow-up")));
        }
    }

    public sealed class ThrowingRule : Rule
    {
        public override void Define()
        {
            AccountFacts facts = null!;
            Name("throwing-rule");
            When().Match(() => facts, f => f.HasTag("explode"));
            Then().Do(ctx => Explode(facts));
        }

        private static void Explode(AccountFacts facts) => throw new InvalidOperationException("custom rule bug for " + facts.AccountId);
    }

    [Fact]
    public void EvaluateBatch_CompiledAndWarm_AllocatesNothingPerAccountEvenWithAttemptsAtTheSameInstant()
    {
        const string ny = "America/New_York";
        var engine = new CadenceEngine(CadencePolicy.Compose("seed+reg-f", Policies.SeedCadence(), Cadence.Jurisdictions.JurisdictionPacks.UsRegulationF()), new CadenceEngineOptions { MaxDegreeOfParallelism = 1 });
        var at = Local(ny, 2026, 6, 8, 10);
        var account = Borrower("same-instant", new LocalDate(2026, 6, 1), ny).WithHistory(
            new ContactAttempt(at, Channel.Sms, Outcome: ContactOutcome.Delivered),
            new ContactAttempt(at, Channel.Call, Outcome: ContactOutcome.NoAnswer),
            new ContactAttempt(at, Channel.Call, ContactDirection.Inbound, ContactOutcome.Conversation),
            new ContactAttempt(at - Duration.FromHours(1), Channel.Email, Outcome: ContactOutcome.Sent));
        var now = Local(ny, 2026, 6, 9, 12);

        var (forOne, forMany, last) = AllocatedForOneAndForMany(account, (items, into) => engine.EvaluateBatch(items, into, now, TestContext.Current.CancellationToken));

        Assert.Equal(DecisionKind.Contact, last.Kind);
        Assert.Equal(forOne, forMany);
    }

    /// <summary>
    /// What a warm batch of one <paramref name="item"/> and of 200 allocates, and the last decision. Warmed up first,
    /// then the least of a few runs: the runtime's tiered compilation allocates now and then while it recompiles hot
    /// methods, which is neither the engine's doing nor per item.
    /// </summary>
    private static (long ForOne, long ForMany, Decision Last) AllocatedForOneAndForMany<T>(T item, Action<T[], Decision[]> evaluateBatch)
    {
        var one = new[] { item };
        var many = Enumerable.Repeat(item, 200).ToArray();
        var decisions = new Decision[many.Length];
        long Allocated(T[] items) => Enumerable.Range(0, 5).Min(_ =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            evaluateBatch(items, decisions);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
        for (var i = 0; i < 20; i++)
        {
            evaluateBatch(many, decisions);
        }

        var forOne = Allocated(one);
        var forMany = Allocated(many);
        return (forOne, forMany, decisions[^1]);
    }

    [Fact]
    public void EvaluateBatch_CompiledAndWarm_AllocatesNothingPerPersonOfSeveralAccountsAndPoints()
    {
        const string ny = "America/New_York";
        var engine = new CadenceEngine(CadencePolicy.Compose("seed+reg-f", Policies.SeedCadence(), Cadence.Jurisdictions.JurisdictionPacks.UsRegulationF()), new CadenceEngineOptions { MaxDegreeOfParallelism = 1 });
        var at = Local(ny, 2026, 6, 8, 10);
        var person = new Person("p-1")
        {
            TimeZoneIds = [ny],
            ContactPoints =
            [
                new ContactPoint(Channel.Call) { Id = "m1", Kind = ContactPointKind.Mobile },
                new ContactPoint(Channel.Call) { Id = "h1", Kind = ContactPointKind.Landline },
                new ContactPoint(Channel.Sms) { Id = "m1-sms", Kind = ContactPointKind.Mobile, ConsentGiven = true },
                new ContactPoint(Channel.Email) { Id = "e1", Kind = ContactPointKind.PersonalEmail },
            ],
            Accounts =
            [
                new Account("a1") { DueDate = new LocalDate(2026, 6, 1), AmountDue = new Money(120m, "USD") },
                new Account("a2") { DueDate = new LocalDate(2026, 5, 20), AmountDue = new Money(80m, "USD") },
                new Account("a3") { DueDate = new LocalDate(2026, 6, 5), AmountDue = new Money(40m, "USD") },
            ],
            History =
            [
                new ContactAttempt(at, Channel.Call, Outcome: ContactOutcome.NoAnswer) { ContactPointId = "m1", AccountIds = ["a1"] },
                new ContactAttempt(at, Channel.Sms, Outcome: ContactOutcome.Delivered) { ContactPointId = "m1-sms" },
                new ContactAttempt(at - Duration.FromHours(5), Channel.Call, ContactDirection.Inbound, ContactOutcome.Conversation) { AccountIds = ["a2", "a3"] },
            ],
        };
        var now = Local(ny, 2026, 6, 9, 12);

        var (forOne, forMany, last) = AllocatedForOneAndForMany(person, (items, into) => engine.EvaluateBatch(items, into, now, TestContext.Current.CancellationToken));

        Assert.Equal(DecisionKind.Contact, last.Kind);
        Assert.Equal(forOne, forMany);
    }

    [Fact]
    public void EvaluateBatch_CompiledAndWarm_AllocatesNothingPerPersonWhoseDecisionListsTwoEscalations()
    {
        var policy = CadencePolicy.CreateBuilder("call-and-agency")
            .AddStep(CadenceStep.Contact("call", Channel.Call, "overdue-call", 1, 120))
            .AddStep(CadenceStep.Escalation("agency", "agency-placement", 90, 365) with { Priority = 10 })
            .AddWindow("hours", DayKinds.All, TimeRange.Of(8, 0, 22, 0))
            .Build();
        var engine = new CadenceEngine(policy, new CadenceEngineOptions { MaxDegreeOfParallelism = 1 });
        var due = new LocalDate(2026, 3, 1);
        var person = new Person("p-1")
        {
            TimeZoneIds = ["UTC"],
            ContactPoints = [new ContactPoint(Channel.Call) { Id = "m1", Kind = ContactPointKind.Mobile }],
            Accounts =
            [
                new Account("a1") { DueDate = due, AmountDue = new Money(120m, "USD") },
                new Account("a2") { DueDate = due.PlusDays(-100), AmountDue = new Money(80m, "USD") },
                new Account("a3") { DueDate = due.PlusDays(-120), AmountDue = new Money(40m, "USD") },
            ],
        };
        var now = Instant.FromUtc(2026, 3, 10, 12, 0);

        var (forOne, forMany, last) = AllocatedForOneAndForMany(person, (items, into) => engine.EvaluateBatch(items, into, now, TestContext.Current.CancellationToken));

        Assert.Equal((DecisionKind.Contact, 2), (last.Kind, last.Escalations.Count));
        Assert.Equal(forOne, forMany);
    }
}
