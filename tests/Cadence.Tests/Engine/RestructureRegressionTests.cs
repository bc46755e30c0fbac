using Cadence.CustomRules;
using Cadence.Explanations;
using Cadence.Tests.Support;
using NodaTime;
using NRules.Fluent.Dsl;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Engine;

/// <summary>
/// What acceptance testing of the command line found, each pinned on both evaluators (issue: one pipeline a newcomer can
/// see): nothing owed decides None whatever the holds, a promise to pay always lapses, steps may repeat once per local
/// day and have open-ended windows.
/// </summary>
public sealed class RestructureRegressionTests
{
    private static readonly LocalDate Due = new(2026, 6, 10);
    private static readonly Instant Noon = At("2026-06-15T12:00:00Z"); // D+5, a Monday, UTC

    private static BorrowerState Account(decimal amount = 250m) => Borrower("A-1", Due, "UTC") with { AmountDue = new Money(amount, "USD") };

    private static CadencePolicy Cadence(Action<CadencePolicyBuilder>? extra = null)
    {
        var b = CadencePolicy.CreateBuilder("lender").WithDefaultZone("UTC")
            .AddStep(CadenceStep.Contact("sms", Channel.Sms, "sms", 1, 30))
            .AddStep(CadenceStep.Escalation("agency", "agency-placement", 3, 90))
            .AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlocksAllSteps = true });
        extra?.Invoke(b);
        return b.Build();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-12.5)]
    public void Evaluate_AnAmountDueOfZeroOrLess_DecidesNoneWithNoCandidate(double amount)
    {
        var d = new BothEvaluators(Cadence()).Evaluate(Account((decimal)amount), Noon);

        Assert.Equal(DecisionKind.None, d.Kind);
        Assert.Null(d.Step);
        Assert.Empty(d.Explanation!.Candidates);
        Assert.Equal(ReasonCode.NothingOwed, Assert.Single(d.Explanation.Reasons).Code);
    }

    [Fact]
    public void Evaluate_NothingOwedUnderAHoldThatBlocksEverything_DecidesNoneNotSuppressed()
    {
        var disputed = Account(0m).WithHolds(new Hold(HoldKind.Dispute, Noon - Duration.FromDays(1)));
        var noDueDate = (Account() with { DueDate = null }).WithHolds(new Hold(HoldKind.Dispute, Noon - Duration.FromDays(1)));
        var engine = new BothEvaluators(Cadence());

        Assert.Equal(DecisionKind.None, engine.Evaluate(disputed, Noon).Kind);
        Assert.Equal(DecisionKind.None, engine.Evaluate(noDueDate, Noon).Kind);
    }

    [Fact]
    public void Evaluate_NothingOwed_ACustomRuleCannotProposeAnything()
    {
        var policy = Cadence(b => b.AddCustomRule(new AlwaysProposeSmsRule()));

        var d = new CadenceEngine(policy).Evaluate(Account(0m), Noon);

        Assert.Equal(DecisionKind.None, d.Kind);
        Assert.Equal(DecisionKind.Contact, new CadenceEngine(policy).Evaluate(Account(), Noon).Kind);
    }

    [Fact]
    public void Evaluate_NothingOwedButInvalid_IsStillAnError()
    {
        var d = new BothEvaluators(Cadence()).Evaluate(Account(0m) with { TimeZoneIds = ["Mars/Olympus"] }, Noon);

        Assert.Equal(DecisionKind.Error, d.Kind);
        Assert.Equal(ReasonCode.InvalidAccount, d.Error!.Code);
    }

    [Fact]
    public void Evaluate_APromiseWithoutGraceDays_LapsesAtTheEndOfThePromisedDay()
    {
        var engine = new BothEvaluators(CadencePolicy.CreateBuilder("sms-only").WithDefaultZone("UTC")
            .AddStep(CadenceStep.Contact("sms", Channel.Sms, "sms", 1, 30))
            .AddHoldRule(new HoldRule("promise", HoldKind.PromiseToPay) { BlockedChannels = [Channel.Sms] })
            .Build());
        var account = Account().WithHolds(new Hold(HoldKind.PromiseToPay, Noon - Duration.FromDays(1)) { PromisedDate = new LocalDate(2026, 6, 17) });

        var during = engine.Evaluate(account, Noon);
        var after = engine.Evaluate(account, At("2026-06-18T00:00:00Z"));

        Assert.Equal(DecisionKind.Suppressed, during.Kind);
        Assert.Equal(HoldKind.PromiseToPay, during.SuppressedBy);
        Assert.Equal(At("2026-06-18T00:00:00Z"), during.ReviewAt);
        Assert.Equal(DecisionKind.Contact, after.Kind);
    }

    [Fact]
    public void Evaluate_APromiseWithGraceDays_LapsesThatManyDaysLaterEvenWhenTheHoldIsOpenEnded()
    {
        var engine = new BothEvaluators(CadencePolicy.CreateBuilder("sms-only").WithDefaultZone("America/New_York")
            .AddStep(CadenceStep.Contact("sms", Channel.Sms, "sms", 1, 30))
            .AddHoldRule(new HoldRule("promise", HoldKind.PromiseToPay) { BlockedChannels = [Channel.Sms], GraceDaysAfterPromisedDate = 2 })
            .Build());
        var account = Borrower("A-1", Due, "America/New_York").WithHolds(new Hold(HoldKind.PromiseToPay, Noon - Duration.FromDays(1)) { PromisedDate = new LocalDate(2026, 6, 17) });

        var d = engine.Evaluate(account, Noon);

        Assert.Equal(DecisionKind.Suppressed, d.Kind);
        Assert.Equal(Local("America/New_York", 2026, 6, 20, 0), d.ReviewAt);
    }

    [Fact]
    public void Evaluate_AStepRepeatingOncePerLocalDay_WaitsForTheNextLocalDayNotTwentyFourHours()
    {
        var engine = new BothEvaluators(CadencePolicy.CreateBuilder("daily").WithDefaultZone("America/New_York")
            .AddStep(CadenceStep.Contact("call-daily", Channel.Call, "call", 1, 30) with { RepeatCalendarDays = 1 })
            .Build());
        var lateCall = new ContactAttempt(Local("America/New_York", 2026, 6, 15, 20), Channel.Call, StepId: "call-daily");
        var account = Borrower("A-1", Due, "America/New_York").WithHistory(lateCall);

        var sameDay = engine.Evaluate(account, Local("America/New_York", 2026, 6, 15, 21));
        var nextMorning = engine.Evaluate(account, Local("America/New_York", 2026, 6, 16, 7));

        Assert.Equal(Local("America/New_York", 2026, 6, 16, 0), sameDay.NotBefore);
        Assert.Equal(Local("America/New_York", 2026, 6, 16, 7), nextMorning.NotBefore);
    }

    [Fact]
    public void Evaluate_AStepRepeatingEveryTwentyFourHours_StillMeansADuration()
    {
        var engine = new BothEvaluators(CadencePolicy.CreateBuilder("every-24h").WithDefaultZone("America/New_York")
            .AddStep(CadenceStep.Contact("call", Channel.Call, "call", 1, 30) with { RepeatInterval = Duration.FromHours(24) })
            .Build());
        var account = Borrower("A-1", Due, "America/New_York").WithHistory(new ContactAttempt(Local("America/New_York", 2026, 6, 15, 20), Channel.Call, StepId: "call"));

        Assert.Equal(Local("America/New_York", 2026, 6, 16, 20), engine.Evaluate(account, Local("America/New_York", 2026, 6, 16, 7)).NotBefore);
    }

    [Fact]
    public void Evaluate_AnOpenEndedStepWindow_StaysDueLongAfterTheDueDate()
    {
        var engine = new BothEvaluators(CadencePolicy.CreateBuilder("open").WithDefaultZone("UTC")
            .AddStep(CadenceStep.Contact("letter", Channel.Letter, "letter", 30, null) with { RepeatCalendarDays = 30 })
            .Build());
        var late = Due.PlusDays(400).AtMidnight().InUtc().ToInstant() + Duration.FromHours(12);

        var d = engine.Evaluate(Account(), late);

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal(late, d.NotBefore);
        Assert.Equal(DecisionKind.Wait, engine.Evaluate(Account(), Noon).Kind);
    }

    [Fact]
    public void Build_AStepRepeatingByDurationAndByDays_IsRejectedWithItsPath()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => Policies.Single(CadenceStep.Contact("x", Channel.Sms, "t", 1, 5) with { RepeatInterval = Duration.FromHours(1), RepeatCalendarDays = 0 }));

        Assert.Equal(
            ["steps[0] ('x').repeatInterval: a repeat of 0 calendar days must be at least 1 day", "steps[0] ('x').repeatInterval: a step repeats either by a duration or by calendar days, not both"],
            ex.Errors.Select(e => e.ToString()));
        Assert.All(ex.Errors, e => Assert.Equal(("steps", 0, "repeatInterval"), (e.Section, e.Index, e.Member)));
    }

    [Fact]
    public void Evaluate_APromisedDateBeyondTheComputableYears_IsAnInvalidAccountOnBothEvaluators()
    {
        var engine = new BothEvaluators(Cadence(b => b.AddHoldRule(new HoldRule("promise", HoldKind.PromiseToPay) { BlockedChannels = [Channel.Sms] })));
        var account = Account().WithHolds(new Hold(HoldKind.PromiseToPay, Noon - Duration.FromDays(1)) { PromisedDate = new LocalDate(9999, 12, 31) });

        var d = engine.Evaluate(account, Noon);

        Assert.Equal(DecisionKind.Error, d.Kind);
        Assert.Equal("account 'A-1': holds[0] ('promise-to-pay') has a promised date (9999-12-31) outside the years 2 to 9997", d.Error!.Message);
    }

    [Fact]
    public void Build_AGraceOfMoreThanAYear_IsRejected()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => Cadence(b => b.AddHoldRule(new HoldRule("promise", HoldKind.PromiseToPay) { BlockedChannels = [Channel.Sms], GraceDaysAfterPromisedDate = 400 })));

        Assert.Equal("holds[1] ('promise').graceDays: the grace after the promised date (400 days) must be 0 to 365 days", Assert.Single(ex.Errors).ToString());
    }

    public sealed class AlwaysProposeSmsRule : Rule
    {
        public override void Define()
        {
            AccountFacts facts = null!;
            Name("always-sms");
            When().Match(() => facts);
            Then().Do(ctx => ctx.Insert(facts.Propose("sms", "always-sms")));
        }
    }
}
