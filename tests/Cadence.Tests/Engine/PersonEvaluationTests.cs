using Cadence.Explanations;
using Cadence.Tests.Support;
using NodaTime;

namespace Cadence.Tests.Engine;

/// <summary>
/// Evaluating a person: caps per account, per contact point and per person, exhaustion per point, account- and
/// person-level holds, bundling, escalations listed beside a contact, tie-breaks and the check of a proposed contact —
/// each on both evaluators (<see cref="BothEvaluators"/>).
/// </summary>
public sealed class PersonEvaluationTests
{
    // Tuesday 2026-03-10, 12:00 UTC; every account below is 9 days past due.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);
    private static readonly LocalDate Due = new(2026, 3, 1);

    private static Instant Day(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 3, day, hour, minute);

    private static Account Owing(string id) => new(id) { DueDate = Due, AmountDue = new Money(250m, "USD") };

    private static ContactPoint Phone(string id, ContactPointKind kind = ContactPointKind.Mobile) => new(Channel.Call) { Id = id, Kind = kind };

    private static ContactAttempt Call(Instant at, string? point, params string[] accounts)
        => new(at, Channel.Call) { ContactPointId = point, AccountIds = [.. accounts] };

    private static Person PersonOf(IEnumerable<ContactPoint> points, params Account[] accounts)
        => new("p-1") { TimeZoneIds = ["UTC"], ContactPoints = [.. points], Accounts = [.. accounts] };

    /// <summary>A single-shot call step due from day 1 to 120, calls allowed 08:00–22:00 every day, with <paramref name="configure"/>'s rules.</summary>
    private static CadencePolicy CallPolicy(Action<CadencePolicyBuilder>? configure = null, bool bundle = false)
    {
        var b = CadencePolicy.CreateBuilder("persons")
            .AddStep(CadenceStep.Contact("call", Channel.Call, "overdue-call", 1, 120) with { Bundle = bundle })
            .AddWindow("hours", DayKinds.All, TimeRange.Of(8, 0, 22, 0));
        configure?.Invoke(b);
        return b.Build();
    }

    private static CadencePolicy OneCallPerDayPerPerson(bool bundle = false) => CallPolicy(
        b => b.AddCap(new FrequencyCap("230-fz-1-call-a-day", 1, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call)) { Scope = RuleScope.Person }),
        bundle);

    [Fact]
    public void AccountByAccount_TwoDueDebtsBreakThePersonsOneCallADay_WhileThePersonGetsOneCallToday_AndTheSecondTomorrow()
    {
        var policy = OneCallPerDayPerPerson();
        var engine = new BothEvaluators(policy);
        var person = PersonOf([new ContactPoint(Channel.Call) { Kind = ContactPointKind.Mobile }], Owing("a1"), Owing("a2"));

        // Today's way: one state per account, each with the shared history. Each account alone may be called now.
        var byAccount = person.Accounts.Select(a => engine.Evaluate(
            new BorrowerState(a.AccountId) { TimeZoneIds = person.TimeZoneIds, DueDate = a.DueDate, AmountDue = a.AmountDue, ContactPoints = person.ContactPoints, History = person.History },
            Now)).ToList();
        Assert.All(byAccount, d => Assert.Equal((DecisionKind.Contact, Now), (d.Kind, d.NotBefore!.Value)));

        // Recording both: two calls with the person on one day, where the law allows one. The independent check sees it.
        var afterFirst = person with { History = [Call(Now, "call", byAccount[0].AccountIds[0])] };
        var broken = PersonCompliance.Check(policy, afterFirst, Now, byAccount[1]);
        Assert.Contains(broken, p => p.Contains("230-fz-1-call-a-day", StringComparison.Ordinal) && p.Contains("person", StringComparison.Ordinal));

        // The person's way: one call now, about the first account; the second only when the cap frees, tomorrow at 08:00.
        var first = engine.Evaluate(person, Now);
        Assert.Equal((DecisionKind.Contact, Now, "a1"), (first.Kind, first.NotBefore!.Value, Assert.Single(first.AccountIds)));
        Assert.Empty(PersonCompliance.Check(policy, person, Now, first));

        var recorded = person with { History = [Call(first.NotBefore!.Value, first.ContactPointId, [.. first.AccountIds]) with { StepId = first.Step!.Id }] };
        var second = engine.Evaluate(recorded, Now + Duration.FromMinutes(5));
        Assert.Equal((DecisionKind.Contact, Day(11, 8), "a2"), (second.Kind, second.NotBefore!.Value, Assert.Single(second.AccountIds)));
        Assert.Empty(PersonCompliance.Check(policy, recorded, Now + Duration.FromMinutes(5), second));
    }

    [Fact]
    public void RegulationFSevenInSevenPerDebt_ACallAboutTwoDebtsCountsForEach()
    {
        var policy = CallPolicy(b => b.AddCap(new FrequencyCap("reg-f-7-in-7", 7, CapPeriod.SlidingDays(7), AttemptFilter.Outbound(Channel.Call)) { Scope = RuleScope.Account }));
        var engine = new BothEvaluators(policy);

        // Six calls about both debts (March 4–9) and one about a1 alone: a1 has had 7 in 7 days, a2 six.
        var history = Enumerable.Range(4, 6).Select(d => Call(Day(d, 12), "mob", "a1", "a2")).Append(Call(Day(9, 13), "mob", "a1")).ToList();
        var person = PersonOf([Phone("mob")], Owing("a1"), Owing("a2")) with { History = [.. history] };
        var d = engine.Evaluate(person, Now);
        Assert.Equal((DecisionKind.Contact, Now, "a2"), (d.Kind, d.NotBefore!.Value, Assert.Single(d.AccountIds)));

        // The seventh about both: both debts are full until March 4 leaves the seven days, on March 11 at 08:00.
        var both = person with { History = [.. history.SkipLast(1), Call(Day(9, 13), "mob", "a1", "a2")] };
        var later = engine.Evaluate(both, Now);
        Assert.Equal((DecisionKind.Contact, Day(11, 8)), (later.Kind, later.NotBefore!.Value));
        Assert.Equal("a1", Assert.Single(later.AccountIds));
    }

    [Fact]
    public void SixUnansweredCallsPerNumberPerDay_TheNextNumberIsUsed()
    {
        var policy = CallPolicy(b => b.AddCap(new FrequencyCap("china-6-unanswered-per-number", 6, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call).WithOutcomes(ContactOutcome.NoAnswer)) { Scope = RuleScope.ContactPoint }));
        var engine = new BothEvaluators(policy);
        var unanswered = Enumerable.Range(0, 6).Select(i => Call(Day(10, 8, i * 10), "mob") with { Outcome = ContactOutcome.NoAnswer });
        var person = PersonOf([Phone("mob"), Phone("home", ContactPointKind.Landline)], Owing("a1")) with { History = [.. unanswered] };

        var d = engine.Evaluate(person, Now);
        Assert.Equal((DecisionKind.Contact, Now, "home"), (d.Kind, d.NotBefore!.Value, d.ContactPointId));

        // Without the other number, the mobile is called again tomorrow.
        var alone = engine.Evaluate(person with { ContactPoints = [Phone("mob")] }, Now);
        Assert.Equal((DecisionKind.Contact, Day(11, 8), "mob"), (alone.Kind, alone.NotBefore!.Value, alone.ContactPointId));
    }

    [Fact]
    public void ExhaustionClosesAContactPoint_NotTheChannel()
    {
        var policy = CallPolicy(b => b.AddExhaustion("three-failures", 3));
        var engine = new BothEvaluators(policy);
        var failures = Enumerable.Range(7, 3).Select(d => Call(Day(d, 10), "mob") with { Outcome = ContactOutcome.Failed });
        var person = PersonOf([Phone("mob"), Phone("home", ContactPointKind.Landline)], Owing("a1")) with { History = [.. failures] };

        var d = engine.Evaluate(person, Now);
        Assert.Equal((DecisionKind.Contact, "home"), (d.Kind, d.ContactPointId));
        Assert.Contains(d.Explanation!.Candidates, c => c.Reasons.Any(r => r.Code == ReasonCode.ChannelExhausted));

        // A new mobile number (updated after the failures) re-opens it, and the preferred mobile is used again.
        var renewed = engine.Evaluate(person with { ContactPoints = [Phone("mob") with { UpdatedAt = Day(9, 12) }, Phone("home", ContactPointKind.Landline)] }, Now);
        Assert.Equal("mob", renewed.ContactPointId);

        // With both numbers failed, there is no call.
        var both = person with { History = [.. failures, .. failures.Select(f => f with { ContactPointId = "home" })] };
        Assert.NotEqual(DecisionKind.Contact, engine.Evaluate(both, Now).Kind);
    }

    [Fact]
    public void AnAccountLevelHoldBlocksOnlyThatAccount_APersonLevelHoldBlocksThemAll()
    {
        var policy = CallPolicy(b => b
            .AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlocksAllSteps = true })
            .AddHoldRule(new HoldRule("cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true }));
        var engine = new BothEvaluators(policy);
        var person = PersonOf([Phone("mob")], Owing("a1") with { Holds = [new Hold(HoldKind.Dispute, Day(1, 0))] }, Owing("a2"));

        var d = engine.Evaluate(person, Now);
        Assert.Equal((DecisionKind.Contact, "a2"), (d.Kind, Assert.Single(d.AccountIds)));

        var ceased = engine.Evaluate(person with { Holds = [new Hold(HoldKind.CeaseCommunication, Day(5, 0))] }, Now);
        Assert.Equal((DecisionKind.Suppressed, HoldKind.CeaseCommunication), (ceased.Kind, ceased.SuppressedBy));
    }

    [Fact]
    public void ABundlingStep_ServesTheAccountsPlacedNoLaterOnTheSamePoint_AndLeavesOutOneWhoseAccountCapIsReached()
    {
        var policy = OneCallPerAccountPerDay(bundle: true);
        var engine = new BothEvaluators(policy);
        var person = PersonOf([Phone("mob")], Owing("a3"), Owing("a1"), Owing("a2")) with { History = [Call(Day(10, 9), "mob", "a3")] };

        var d = engine.Evaluate(person, Now);
        Assert.Equal((DecisionKind.Contact, Now, "mob"), (d.Kind, d.NotBefore!.Value, d.ContactPointId));
        Assert.Equal(["a1", "a2"], d.AccountIds);
        Assert.Empty(PersonCompliance.Check(policy, person, Now, d));

        // Without bundling, the same person gets a call about one account.
        var single = new BothEvaluators(OneCallPerAccountPerDay(bundle: false)).Evaluate(person, Now);
        Assert.Equal("a1", Assert.Single(single.AccountIds));
    }

    [Fact]
    public void ABundlingStep_MovesToTheNextNumberWhenThePointCapIsReached_AndServesEveryAccountThere()
    {
        // A call about a2 on the mobile today fills the mobile's cap for every account: the bundle goes to the landline.
        var policy = CallPolicy(b => b.AddCap(new FrequencyCap("one-per-number-per-day", 1, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call)) { Scope = RuleScope.ContactPoint }), bundle: true);
        var engine = new BothEvaluators(policy);
        var person = PersonOf([Phone("mob"), Phone("home", ContactPointKind.Landline)], Owing("a1"), Owing("a2")) with { History = [Call(Day(10, 9), "mob", "a2")] };

        var d = engine.Evaluate(person, Now);
        Assert.Equal((DecisionKind.Contact, Now, "home"), (d.Kind, d.NotBefore!.Value, d.ContactPointId));
        Assert.Equal(["a1", "a2"], d.AccountIds);
        Assert.Empty(PersonCompliance.Check(policy, person, Now, d));
    }

    [Fact]
    public void AnEscalationDueOnOneAccount_IsListedBesideAContactAboutAnother()
    {
        var policy = CallPolicy(b => b.AddStep(CadenceStep.Escalation("agency", "agency-placement", 90, 365) with { Priority = 10 }));
        var engine = new BothEvaluators(policy);
        var person = PersonOf([Phone("mob")], Owing("a1"), Owing("a2") with { DueDate = Due.PlusDays(-100) });

        var d = engine.Evaluate(person, Now);
        Assert.Equal((DecisionKind.Contact, "call", "a1"), (d.Kind, d.Step!.Id, Assert.Single(d.AccountIds)));
        var e = Assert.Single(d.Escalations);
        Assert.Equal((DecisionKind.Escalate, "agency", "a2", Now), (e.Kind, e.Step!.Id, Assert.Single(e.AccountIds), e.NotBefore!.Value));
    }

    /// <summary>
    /// Found by <see cref="PersonProperties"/>: a bundled contact about a1 and a2 also lists a2's escalation, though
    /// <see cref="Decision.Escalations"/> holds escalations due on accounts other than those the chosen action is about.
    /// </summary>
    [Fact]
    public void Regression_AnAccountServedByTheBundledContact_IsNotAlsoListedAmongTheEscalations()
    {
        var policy = CadencePolicy.CreateBuilder("bundle-and-escalation")
            .AddStep(CadenceStep.Contact("email", Channel.Email, "overdue-email", 1, 120) with { Bundle = true, Priority = 1 })
            .AddStep(CadenceStep.Escalation("agency", "agency-placement", 90, 365) with { Priority = 3 })
            .Build();
        var engine = new BothEvaluators(policy);
        var person = new Person("p-1")
        {
            TimeZoneIds = ["UTC"],
            ContactPoints = [new ContactPoint(Channel.Email)],
            Accounts = [Owing("a1"), Owing("a2") with { DueDate = Due.PlusDays(-100) }],
        };

        var d = engine.Evaluate(person, Now);
        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.All(d.Escalations, e => Assert.DoesNotContain(e.AccountIds.Single(), d.AccountIds));
    }

    [Fact]
    public void TieBreaks_PreferThePolicysPointKind_ThenPointId_ThenAccountId_NeverInputOrder()
    {
        var engine = new BothEvaluators(CallPolicy());

        // Kind: the mobile before the landline, whatever their ids and order.
        var byKind = PersonOf([Phone("a-landline", ContactPointKind.Landline), Phone("z-mobile")], Owing("a1"));
        Assert.Equal("z-mobile", engine.Evaluate(byKind, Now).ContactPointId);
        Assert.Equal("z-mobile", engine.Evaluate(byKind with { ContactPoints = [.. byKind.ContactPoints.Reverse()] }, Now).ContactPointId);

        // A policy preferring landlines turns it round.
        var landlines = new BothEvaluators(CallPolicy(b => b.WithContactPointPreference(ContactPointKind.Landline, ContactPointKind.Mobile)));
        Assert.Equal("a-landline", landlines.Evaluate(byKind, Now).ContactPointId);

        // Same kind: the lower point id.
        var byId = PersonOf([Phone("m2"), Phone("m1")], Owing("a1"));
        Assert.Equal("m1", engine.Evaluate(byId, Now).ContactPointId);
        Assert.Equal("m1", engine.Evaluate(byId with { ContactPoints = [.. byId.ContactPoints.Reverse()] }, Now).ContactPointId);

        // Same step, point and instant: the lower account id.
        var byAccount = PersonOf([Phone("mob")], Owing("b"), Owing("a10"), Owing("a9"));
        Assert.Equal("a10", Assert.Single(engine.Evaluate(byAccount, Now).AccountIds));
        Assert.Equal("a10", Assert.Single(engine.Evaluate(byAccount with { Accounts = [.. byAccount.Accounts.Reverse()] }, Now).AccountIds));
    }

    [Fact]
    public void Check_AllowsAContactNow_WhenNothingStandsInTheWay()
    {
        var engine = new BothEvaluators(OneCallPerDayPerPerson());
        var person = PersonOf([Phone("mob"), Phone("home", ContactPointKind.Landline)], Owing("a1"), Owing("a2"));

        var check = engine.Check(person, new ProposedContact(Channel.Call, "home") { AccountIds = ["a2"] }, Now);
        Assert.True(check.Allowed, check.ToString());
        Assert.Equal(Now, check.EarliestAt);
        Assert.Empty(check.Reasons);
        Assert.Null(check.Error);
    }

    [Fact]
    public void Check_RefusesAContactThatWouldBreakAPersonCap_WithTheEarliestInstantAndTheRule()
    {
        var engine = new BothEvaluators(OneCallPerDayPerPerson());
        var person = PersonOf([Phone("mob"), Phone("home", ContactPointKind.Landline)], Owing("a1"), Owing("a2")) with { History = [Call(Day(10, 9), "mob", "a1")] };

        // Another number and another account: the person has had their call today.
        var check = engine.Check(person, new ProposedContact(Channel.Call, "home") { AccountIds = ["a2"] }, Now);
        Assert.False(check.Allowed);
        Assert.Equal(Day(11, 8), check.EarliestAt);
        Assert.Contains(check.Reasons, r => r.RuleName == "cap:230-fz-1-call-a-day" && r.Code == ReasonCode.CapReached);
        Assert.Null(check.Error);
    }

    [Fact]
    public void Check_AContactForAStepWhoseDayWindowIsOver_IsTheHostsCall_AndStillAllowed()
    {
        var engine = new BothEvaluators(CallPolicy());
        var person = PersonOf([Phone("mob")], Owing("a1") with { DueDate = Due.PlusDays(-200) });

        var check = engine.Check(person, new ProposedContact(Channel.Call, "mob") { StepId = "call" }, Now);

        Assert.True(check.Allowed, check.ToString());
    }

    [Fact]
    public void Check_RefusesAnOptedOutPoint_WithNoInstant()
    {
        var engine = new BothEvaluators(CallPolicy());
        var person = PersonOf([Phone("mob") with { OptedOut = true }, Phone("home", ContactPointKind.Landline)], Owing("a1"));

        var check = engine.Check(person, new ProposedContact(Channel.Call, "mob"), Now);
        Assert.False(check.Allowed);
        Assert.Null(check.EarliestAt);
        Assert.Contains(check.Reasons, r => r.Code == ReasonCode.OptedOut);
        Assert.True(engine.Check(person, new ProposedContact(Channel.Call, "home"), Now).Allowed);
    }

    [Fact]
    public void Check_OfAnUnknownAccount_IsAnError()
    {
        var engine = new BothEvaluators(CallPolicy());
        var person = PersonOf([Phone("mob")], Owing("a1"));

        var check = engine.Check(person, new ProposedContact(Channel.Call, "mob") { AccountIds = ["a9"] }, Now);
        Assert.False(check.Allowed);
        Assert.Null(check.EarliestAt);
        Assert.NotNull(check.Error);
        Assert.Contains("a9", check.Error!.Message, StringComparison.Ordinal);
    }

    private static CadencePolicy OneCallPerAccountPerDay(bool bundle) => CallPolicy(
        b => b.AddCap(new FrequencyCap("one-call-per-debt-a-day", 1, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call)) { Scope = RuleScope.Account }),
        bundle);
}
