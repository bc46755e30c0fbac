using Cadence.Explanations;
using Cadence.Jurisdictions;
using Cadence.Tests.Support;
using NodaTime;
using static Cadence.Tests.Jurisdictions.PackScenarios;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Model;

/// <summary>
/// <see cref="ContactOutcome.Unknown"/> read failing closed, on both evaluators: an attempt whose end was never reported
/// counts for every outcome a cap or cooldown looks for (at every scope), is a failure for exhaustion and never a success
/// that ends a run of failures, and serves its step; its direction and channel are read as for any attempt.
/// </summary>
public sealed class ContactOutcomeTests
{
    private const string Ny = "America/New_York";
    private const string Moscow = "Europe/Moscow";
    private const string Shanghai = "Asia/Shanghai";
    private const string Hours = "window:reg-f-convenient-hours (America/New_York)";
    private const string Conversation = "cooldown:reg-f-7-days-after-conversation";

    private static readonly ContactPoint Mobile = new(Channel.Call) { Id = "m1", Kind = ContactPointKind.Mobile };
    private static readonly ContactPoint Home = new(Channel.Call) { Id = "h1", Kind = ContactPointKind.Landline };

    /// <summary>Regulation F's pack (7 placed calls in 7 days and the 7-day block after a conversation, per debt) and a daily call step.</summary>
    private static ICadenceEngine RegulationF(bool excludeUnconnectedCalls = false)
        => Jurisdictions.PackScenarios.Engine([JurisdictionPacks.UsRegulationF(new RegulationFOptions { MinimumGapBetweenCalls = null, ExcludeUnconnectedCalls = excludeUnconnectedCalls })], Calls);

    /// <summary>230-FZ's figures for calls that connected (1 a day, 2 a week, 8 a month per debtor) and a call step.</summary>
    private static ICadenceEngine FederalLaw230() => new BothEvaluators(CadencePolicy.Compose("lender+230-fz-like", [Lender(Calls), Policies.FederalLaw230Like()]));

    /// <summary>A call step composed with <paramref name="configure"/>'s rules.</summary>
    private static ICadenceEngine With(Action<CadencePolicyBuilder> configure)
    {
        var b = CadencePolicy.CreateBuilder("rules");
        configure(b);
        return new BothEvaluators(CadencePolicy.Compose("lender+rules", [Lender(Calls), b.Build()]));
    }

    /// <summary>A person with two debts (<c>a1</c>, <c>a2</c>) and a mobile and a landline number.</summary>
    private static Person TwoDebts(string zone, params ContactAttempt[] history) => new("p1")
    {
        TimeZoneIds = [zone],
        ContactPoints = [Mobile, Home],
        Accounts = [new Account("a1") { DueDate = Due }, new Account("a2") { DueDate = Due }],
        History = [.. history],
    };

    private static ContactAttempt CallOn(string point, Instant at, ContactOutcome outcome, ContactDirection direction = ContactDirection.Outbound)
        => new(at, Channel.Call, direction, outcome) { ContactPointId = point };

    private static ContactAttempt CallAbout(Instant at, ContactOutcome outcome, params string[] accounts)
        => new(at, Channel.Call, ContactDirection.Outbound, outcome) { AccountIds = [.. accounts] };

    private static bool Has(CandidateExplanation candidate, string rule, ReasonCode code) => candidate.Reasons.Any(r => r.RuleName == rule && r.Code == code);

    // ---- 1. Every outcome filter of caps and cooldowns

    [Fact]
    public void AnUnknownOutcome_CountsForAConversationCooldown()
    {
        var account = Account(Ny).WithHistory(Call(Local(Ny, 2026, 6, 8, 10), ContactOutcome.Unknown)); // Monday

        var d = RegulationF().Evaluate(account, Local(Ny, 2026, 6, 8, 12));

        Assert.Equal(Local(Ny, 2026, 6, 15, 8), d.NotBefore);
        Assert.Equal(
            [
                Reason(Conversation, ReasonCode.Cooldown, Local(Ny, 2026, 6, 15, 0)),
                Reason(Hours, ReasonCode.OutsideContactWindow, Local(Ny, 2026, 6, 15, 8)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void AnUnknownInboundCall_StartsTheConversationBlockToo()
    {
        var account = Account(Ny).WithHistory(Call(Local(Ny, 2026, 6, 10, 16), ContactOutcome.Unknown, ContactDirection.Inbound)); // Wednesday

        var d = RegulationF().Evaluate(account, Local(Ny, 2026, 6, 10, 17));

        Assert.Equal(Local(Ny, 2026, 6, 17, 8), d.NotBefore);
        Assert.Contains(Reason(Conversation, ReasonCode.Cooldown, Local(Ny, 2026, 6, 17, 0)), Deferrals(d));
    }

    [Fact]
    public void UnknownCalls_CountTowardSevenPlacedCalls_EvenWhenCallsThatNeverConnectedAreLeftOut()
    {
        var pack = JurisdictionPacks.UsRegulationF(new RegulationFOptions { ExcludeUnconnectedCalls = true });
        var sevenCalls = Assert.Single(pack.Caps, c => c.Name == "reg-f-7-calls-in-7-days");
        var account = Account(Ny).WithHistory([.. Enumerable.Range(0, 7).Select(i => Call(Local(Ny, 2026, 6, 8 + i, 10), ContactOutcome.Unknown))]);

        var d = RegulationF(excludeUnconnectedCalls: true).Evaluate(account, Local(Ny, 2026, 6, 14, 15));

        // An unknown call may have connected (it counts among the seven) and may have been a conversation: the block
        // its day starts outlasts the cap, so the last call's block decides.
        Assert.True(sevenCalls.Counts.Matches(Call(Local(Ny, 2026, 6, 8, 10), ContactOutcome.Unknown)));
        Assert.Equal(Local(Ny, 2026, 6, 21, 8), d.NotBefore);
        Assert.Contains(Reason(Conversation, ReasonCode.Cooldown, Local(Ny, 2026, 6, 21, 0)), Deferrals(d));
    }

    [Fact]
    public void AnUnknownCallAboutOneDebt_BlocksCallsAboutThatDebtOnly()
    {
        var now = Local(Ny, 2026, 6, 10, 12);
        var person = TwoDebts(Ny, CallAbout(Local(Ny, 2026, 6, 10, 9), ContactOutcome.Unknown, "a1"));

        var d = RegulationF().Evaluate(person, now);

        Assert.Equal(now, d.NotBefore);
        Assert.Equal(["a2"], d.AccountIds);
        Assert.All(d.Explanation!.Candidates.Where(c => c.AccountId == "a1"), c => Assert.True(Has(c, Conversation, ReasonCode.Cooldown)));
    }

    [Fact]
    public void AnUnknownCall_CountsAsAConversationForTheDebtorsDailyCap()
    {
        var person = TwoDebts(Moscow, CallAbout(Local(Moscow, 2026, 6, 10, 10), ContactOutcome.Unknown, "a1")); // Wednesday

        var d = FederalLaw230().Evaluate(person, Local(Moscow, 2026, 6, 10, 15));

        Assert.Equal(Local(Moscow, 2026, 6, 11, 8), d.NotBefore);
        Assert.All(d.Explanation!.Candidates, c => Assert.True(Has(c, "cap:230-fz-calls-day", ReasonCode.CapReached)));
    }

    [Fact]
    public void TwoUnknownCalls_FillTheDebtorsWeeklyConversationCap()
    {
        var person = TwoDebts(Moscow, CallOn("m1", Local(Moscow, 2026, 6, 8, 10), ContactOutcome.Unknown), CallOn("h1", Local(Moscow, 2026, 6, 9, 10), ContactOutcome.Unknown));

        var d = FederalLaw230().Evaluate(person, Local(Moscow, 2026, 6, 10, 15));

        Assert.Equal(Local(Moscow, 2026, 6, 15, 8), d.NotBefore); // the next Monday
        Assert.All(d.Explanation!.Candidates, c => Assert.True(Has(c, "cap:230-fz-calls-week", ReasonCode.CapReached)));
    }

    [Fact]
    public void AnUnknownInboundCall_DoesNotCountTowardCapsOnPlacedCalls()
    {
        var now = Local(Moscow, 2026, 6, 10, 15);
        var person = TwoDebts(Moscow, CallOn("m1", Local(Moscow, 2026, 6, 10, 10), ContactOutcome.Unknown, ContactDirection.Inbound));

        var d = FederalLaw230().Evaluate(person, now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void AnUnknownText_DoesNotCountTowardCapsOnCalls()
    {
        var now = Local(Moscow, 2026, 6, 10, 15);
        var person = TwoDebts(Moscow, new ContactAttempt(Local(Moscow, 2026, 6, 10, 10), Channel.Sms, ContactDirection.Outbound, ContactOutcome.Unknown));

        var d = FederalLaw230().Evaluate(person, now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void SixUnknownCallsToOneNumber_CountAsUnansweredForThatNumberOnly()
    {
        var engine = With(b => b.AddCap(new FrequencyCap("6-unanswered-calls-per-number", 6, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call).WithOutcomes(ContactOutcome.NoAnswer, ContactOutcome.Busy, ContactOutcome.Voicemail, ContactOutcome.Failed)) { Scope = RuleScope.ContactPoint }));
        var now = Local(Shanghai, 2026, 6, 9, 16);
        var person = TwoDebts(Shanghai, [.. Enumerable.Range(0, 6).Select(i => CallOn("m1", Local(Shanghai, 2026, 6, 9, 9 + i), ContactOutcome.Unknown))]);

        var d = engine.Evaluate(person, now);

        Assert.Equal(now, d.NotBefore);
        Assert.Equal("h1", d.ContactPointId);
        Assert.All(d.Explanation!.Candidates.Where(c => c.ContactPointId == "m1"), c => Assert.True(Has(c, "cap:6-unanswered-calls-per-number", ReasonCode.CapReached)));
    }

    [Fact]
    public void ThreeUnknownCallsOnDifferentNumbers_CountAsConnectedCallsUnderChinasPack()
    {
        var engine = Jurisdictions.PackScenarios.Engine([JurisdictionPacks.China()], Calls);
        var person = TwoDebts(Shanghai, CallOn("m1", Local(Shanghai, 2026, 6, 9, 9), ContactOutcome.Unknown), CallOn("h1", Local(Shanghai, 2026, 6, 9, 10), ContactOutcome.Unknown), CallOn("h1", Local(Shanghai, 2026, 6, 9, 11), ContactOutcome.Unknown));

        var d = engine.Evaluate(person, Local(Shanghai, 2026, 6, 9, 16));

        Assert.Equal(Local(Shanghai, 2026, 6, 10, 8), d.NotBefore);
        Assert.All(d.Explanation!.Candidates, c => Assert.True(Has(c, "cap:cn-3-connected-calls-per-day", ReasonCode.CapReached)));
    }

    [Fact]
    public void AnUnknownCallOnANumber_TriggersACooldownOnThatNumberOnly()
    {
        var engine = With(b => b.AddCooldown(new Cooldown("number-rests-after-conversation", AttemptFilter.AnyDirection(Channel.Call).WithOutcomes(ContactOutcome.Conversation), [Channel.Call], CooldownLength.CalendarDays(2)) { Scope = RuleScope.ContactPoint }));
        var now = Local(Shanghai, 2026, 6, 9, 16);
        var person = TwoDebts(Shanghai, CallOn("m1", Local(Shanghai, 2026, 6, 9, 10), ContactOutcome.Unknown));

        var d = engine.Evaluate(person, now);

        Assert.Equal(now, d.NotBefore);
        Assert.Equal("h1", d.ContactPointId);
        Assert.All(d.Explanation!.Candidates.Where(c => c.ContactPointId == "m1"), c => Assert.True(Has(c, "cooldown:number-rests-after-conversation", ReasonCode.Cooldown)));
    }

    // ---- 2. Exhaustion: a failure, never a success

    [Fact]
    public void ThreeUnknownCalls_ExhaustTheNumber_AndTheNextCallUsesTheOther()
    {
        var engine = With(b => b.AddExhaustion("three-failures", 3, Channel.Call));
        var now = Local(Ny, 2026, 6, 10, 16);
        var person = TwoDebts(Ny, [.. Enumerable.Range(0, 3).Select(i => CallOn("m1", Local(Ny, 2026, 6, 10, 9 + i), ContactOutcome.Unknown))]);

        var d = engine.Evaluate(person, now);

        Assert.Equal(now, d.NotBefore);
        Assert.Equal("h1", d.ContactPointId);
        Assert.All(d.Explanation!.Candidates.Where(c => c.ContactPointId == "m1"), c => Assert.True(Has(c, "exhaustion:three-failures", ReasonCode.ChannelExhausted)));
    }

    [Theory]
    [InlineData(ContactOutcome.Unknown, "h1")]
    [InlineData(ContactOutcome.Conversation, "m1")]
    public void AnUnknownCallBetweenFailures_NeverEndsTheirRun(ContactOutcome between, string chosen)
    {
        var engine = With(b => b.AddExhaustion("three-failures", 3, Channel.Call));
        var now = Local(Ny, 2026, 6, 10, 16);
        var person = TwoDebts(Ny, CallOn("m1", Local(Ny, 2026, 6, 10, 9), ContactOutcome.Failed), CallOn("m1", Local(Ny, 2026, 6, 10, 10), between), CallOn("m1", Local(Ny, 2026, 6, 10, 11), ContactOutcome.Failed));

        var d = engine.Evaluate(person, now);

        Assert.Equal(chosen, d.ContactPointId);
    }

    [Theory]
    [InlineData(ContactOutcome.Unknown, "h1")]
    [InlineData(ContactOutcome.Conversation, "m1")]
    public void AnUnknownCallAtTheInstantOfASuccess_CountsAsAFailureAfterIt(ContactOutcome other, string chosen)
    {
        var engine = With(b => b.AddExhaustion("one-failure", 1, Channel.Call));
        var at = Local(Ny, 2026, 6, 10, 11);
        var person = TwoDebts(Ny, CallOn("m1", at, ContactOutcome.Conversation), CallOn("m1", at, other));

        var d = engine.Evaluate(person, Local(Ny, 2026, 6, 10, 16));

        Assert.Equal(chosen, d.ContactPointId);
    }

    [Fact]
    public void AnUnknownOutcome_CountsAsAFailureForARuleThatListsOtherFailures()
    {
        var rule = new ExhaustionRule("no-answers", 2, [Channel.Call], [ContactOutcome.NoAnswer]);
        var engine = With(b => b.AddExhaustion(rule));
        var person = TwoDebts(Ny, CallOn("m1", Local(Ny, 2026, 6, 10, 9), ContactOutcome.NoAnswer), CallOn("m1", Local(Ny, 2026, 6, 10, 10), ContactOutcome.Unknown));

        var d = engine.Evaluate(person, Local(Ny, 2026, 6, 10, 16));

        Assert.Equal("h1", d.ContactPointId);
        Assert.True(rule.CountsAsFailure(ContactOutcome.Unknown));
        Assert.False(rule.CountsAsFailure(ContactOutcome.Conversation));
    }

    // ---- 3. It serves its step

    [Fact]
    public void AnUnknownAttempt_ServesItsStep()
    {
        var step = CadenceStep.Contact("daily-call", Channel.Call, "t", 0, 400) with { RepeatInterval = Duration.FromDays(1) };
        var engine = new BothEvaluators(Lender(step));
        var at = Local(Ny, 2026, 6, 10, 9);
        var account = Account(Ny).WithHistory(new ContactAttempt(at, Channel.Call, ContactDirection.Outbound, ContactOutcome.Unknown, step.Id));

        var d = engine.Evaluate(account, Local(Ny, 2026, 6, 10, 16));

        Assert.Equal("daily-call", d.Step!.Id);
        Assert.Equal(at + Duration.FromDays(1), d.NotBefore);
    }

    [Fact]
    public void AnUnknownAttemptAboutOneDebt_ServesTheStepForThatDebtOnly()
    {
        var step = CadenceStep.Contact("letter-once", Channel.Letter, "t", 0, 400);
        var engine = new BothEvaluators(Lender(step));
        var now = Local(Ny, 2026, 6, 10, 16);
        var person = TwoDebts(Ny, new ContactAttempt(Local(Ny, 2026, 6, 10, 9), Channel.Letter, ContactDirection.Outbound, ContactOutcome.Unknown, step.Id) { AccountIds = ["a1"] }) with
        {
            ContactPoints = [new ContactPoint(Channel.Letter)],
        };

        var d = engine.Evaluate(person, now);

        Assert.Equal(now, d.NotBefore);
        Assert.Equal(["a2"], d.AccountIds);
    }

    [Fact]
    public void AnUnknownAttempt_ServesAStepOnce_SoItIsNotDueAgain()
    {
        var step = CadenceStep.Contact("letter-once", Channel.Letter, "t", 0, 400);
        var engine = new BothEvaluators(Lender(step));
        var account = Account(Ny).WithHistory(new ContactAttempt(Local(Ny, 2026, 6, 10, 9), Channel.Letter, ContactDirection.Outbound, ContactOutcome.Unknown, step.Id));

        var d = engine.Evaluate(account, Local(Ny, 2026, 6, 10, 16));

        Assert.NotEqual(DecisionKind.Contact, d.Kind);
    }
}
