using Cadence.Jurisdictions;
using Cadence.Testing.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Cadence.Testing.Tests;

public sealed class CadenceArbitrariesTests
{
    private static readonly HoldKind BreathingSpace = new("breathing-space");

    /// <summary>A lender policy naming a default zone, a custom hold kind, a tag and an amount threshold.</summary>
    private static readonly CadencePolicy Lender = CadencePolicy.CreateBuilder("lender")
        .WithDefaultZone("Asia/Tokyo")
        .AddStep(CadenceStep.Contact("vip-call", Channel.Call, "vip", 1, 30) with { Conditions = [StepCondition.HasTag("vip"), StepCondition.AmountAtLeast(5000m)] })
        .AddStep(CadenceStep.Contact("visit", Channel.Visit, "visit", 10, 40))
        .AddHoldRule(new HoldRule("breathing-space", BreathingSpace) { BlocksAllSteps = true })
        .AddCap("two-calls-a-day", 2, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call))
        .AddExhaustion("four-failures", 4, Channel.Call)
        .Build();

    private static List<T> Sample<T>(Gen<T> gen, int count = 600) => [.. gen.Sample(count, new Rnd(20260601UL), 50)];

    [Fact]
    public void AccountScenariosFor_CoversThePolicysDefaultZone_BothByNameAndByGivingNone()
    {
        var zones = Sample(CadenceArbitraries.AccountScenariosFor(Lender)).Select(s => s.Account.TimeZoneIds).ToList();

        Assert.Contains(zones, z => z.IsEmpty);
        Assert.Contains(zones, z => z.Contains("Asia/Tokyo"));
        Assert.Contains(zones, z => z.Length == 2);
        Assert.Contains(zones, z => z.Any(id => id != "Asia/Tokyo"));
    }

    [Fact]
    public void AccountScenariosFor_CoversTheHoldKindsTagsAmountsAndChannelsThePolicyNames()
    {
        var accounts = Sample(CadenceArbitraries.AccountScenariosFor(Lender)).Select(s => s.Account).ToList();

        Assert.Contains(accounts, a => a.Holds.Any(h => h.Kind == BreathingSpace));
        Assert.Contains(accounts, a => a.Tags.Contains("vip"));
        Assert.Contains(accounts, a => !a.Tags.Contains("vip"));
        Assert.Contains(accounts, a => a.AmountDue.Amount >= 5000m);
        Assert.Contains(accounts, a => a.AmountDue.Amount < 5000m);
        Assert.Contains(accounts, a => a.ContactPoints.Any(p => p.Channel == Channel.Visit));
        Assert.Contains(accounts, a => a.DueDate is null);
    }

    [Fact]
    public void AccountScenariosFor_MakesTheStepsDueMostOfTheTime()
    {
        var scenarios = Sample(CadenceArbitraries.AccountScenariosFor(Lender));

        var due = scenarios.Count(s => s.Account.DueDate is { } d && Lender.Steps.Any(step => Day(s, d) >= step.FromDay && Day(s, d) <= step.ToDay));

        Assert.True(due > scenarios.Count / 2, $"{due} of {scenarios.Count}");

        static int Day(AccountScenario s, LocalDate due)
        {
            var zone = s.Account.TimeZoneIds.IsEmpty ? s.Policy.DefaultZone! : DateTimeZoneProviders.Tzdb[s.Account.TimeZoneIds[0]];
            return Period.Between(due, s.Now.InZone(zone).Date, PeriodUnits.Days).Days;
        }
    }

    [Fact]
    public void AccountScenariosFor_HistoriesFillTheCapsOfThePolicyAndOfItsConstraints()
    {
        var scenarios = Sample(CadenceArbitraries.AccountScenariosFor(Lender, JurisdictionPacks.UsRegulationF()));

        Assert.Contains(scenarios, s => s.Account.History.Count(a => a.Channel == Channel.Call && a.Direction == ContactDirection.Outbound && a.At <= s.Now && a.At > s.Now - Duration.FromDays(7)) >= 7);
        Assert.Contains(scenarios, s => s.Account.History.Count(a => a.Channel == Channel.Sms && a.Direction == ContactDirection.Outbound && a.At <= s.Now && a.At > s.Now - Duration.FromDays(1)) >= 3);
    }

    [Fact]
    public void AccountScenariosFor_HistoriesHaveFailureStreaksBookedAttemptsInboundCallsAndServedSteps()
    {
        var histories = Sample(CadenceArbitraries.AccountScenariosFor(Lender)).Select(s => (s.Now, s.Account.History)).ToList();

        Assert.Contains(histories, h => h.History.Count(a => a.Channel == Channel.Call && a.Outcome is ContactOutcome.Failed or ContactOutcome.Bounced or ContactOutcome.WrongParty) >= 4);
        Assert.Contains(histories, h => h.History.Any(a => a.At > h.Now));
        Assert.Contains(histories, h => h.History.Any(a => a.Direction == ContactDirection.Inbound && a.Outcome == ContactOutcome.Conversation));
        Assert.Contains(histories, h => h.History.Any(a => a.StepId == "vip-call" && a.Channel == Channel.Call));
        Assert.DoesNotContain(histories, h => h.History.Any(a => a.StepId == "vip-call" && a.Channel != Channel.Call));
    }

    [Fact]
    public void ScenariosFor_GivesOneToFourAccountsWithDistinctIds()
    {
        var scenarios = Sample(CadenceArbitraries.ScenariosFor(Lender), 200);

        Assert.All(scenarios, s => Assert.InRange(s.Accounts.Length, 1, 4));
        Assert.All(scenarios, s => Assert.Equal(s.Accounts.Length, s.Accounts.Select(a => a.AccountId).Distinct().Count()));
        Assert.Contains(scenarios, s => s.Accounts.Length == 4);
    }

    [Fact]
    public void InstantsNearTransitions_AreMostlyWithinTwoDaysOfAnOffsetChange()
    {
        var zone = DateTimeZoneProviders.Tzdb["Australia/Lord_Howe"];

        var instants = Sample(CadenceArbitraries.InstantsNearTransitions("Australia/Lord_Howe"), 400);

        var near = instants.Count(i => zone.GetZoneInterval(i - Duration.FromDays(2)) != zone.GetZoneInterval(i + Duration.FromDays(2)));
        Assert.True(near > instants.Count / 2, $"{near} of {instants.Count}");
        Assert.All(instants, i => Assert.InRange(i, Instant.FromUtc(2025, 12, 29, 0, 0), Instant.FromUtc(2028, 1, 3, 0, 0)));
    }

    [Fact]
    public void InstantsNearTransitions_AZoneWithoutChanges_GivesInstantsIn2026()
        => Assert.All(Sample(CadenceArbitraries.InstantsNearTransitions("Asia/Kolkata"), 200), i => Assert.Equal(2026, i.InUtc().Year));

    [Fact]
    public void ZoneSets_AreOneOrTwoDistinctKnownZones()
    {
        var sets = Sample(CadenceArbitraries.ZoneSets(), 300);

        Assert.All(sets, s => Assert.InRange(s.Length, 1, 2));
        Assert.All(sets, s => Assert.Equal(s.Length, s.Distinct().Count()));
        Assert.All(sets.SelectMany(s => s), id => Assert.Contains(id, CadenceArbitraries.Zones));
        Assert.Contains(sets, s => s.Length == 2);
    }

    [Fact]
    public void Policies_AreVariedValidPolicies()
    {
        var policies = Sample(CadenceArbitraries.Policies(), 300);

        Assert.All(policies, p => Assert.InRange(p.Steps.Length, 1, 4));
        Assert.Contains(policies, p => p.Caps.Any(c => c.Period.Kind == CapPeriodKind.SlidingDays));
        Assert.Contains(policies, p => p.Caps.Any(c => c.Period.Kind == CapPeriodKind.CalendarMonth));
        Assert.Contains(policies, p => p.Cooldowns.Any(c => c.Length.IsCalendarDays));
        Assert.Contains(policies, p => p.Windows.Any(w => w.Ranges.Any(r => r.End == LocalTime.Midnight)));
        Assert.Contains(policies, p => p.Steps.Any(s => s.IsEscalation));
        Assert.Contains(policies, p => p.Windows.IsEmpty);
    }

    [Fact]
    public void Scenarios_IsAnArbitraryFsCheckCanUseAndShrink()
    {
        var property = Prop.ForAll(CadenceArbitraries.Scenarios(), s => s.Accounts.All(a => a.History.Length < 3));

        var message = Run.Fails(property);

        Assert.Contains("Shrunk:", message, StringComparison.Ordinal);
        Assert.Matches(@"Shrunk:\s+now = ", message);
    }

    [Fact]
    public void HistoriesFor_AndHoldsFor_UseTheInstantGiven()
    {
        var now = Instant.FromUtc(2026, 6, 1, 12, 0);

        var histories = Sample(CadenceArbitraries.HistoriesFor(Lender, now), 200);
        var holds = Sample(CadenceArbitraries.HoldsFor(Lender, now), 200);

        Assert.All(histories.SelectMany(h => h), a => Assert.InRange(a.At, now - Duration.FromDays(61), now + Duration.FromDays(3)));
        Assert.All(holds, h => Assert.InRange(h.From, now - Duration.FromDays(20), now + Duration.FromDays(5)));
        Assert.Contains(holds, h => h.Until is null);
        Assert.Contains(holds, h => h.Kind == HoldKind.PromiseToPay && h.PromisedDate is not null);
    }

    [Fact]
    public void AccountsFor_UsesTheZonesGiven()
    {
        var now = Instant.FromUtc(2026, 3, 29, 0, 30);

        var accounts = Sample(CadenceArbitraries.AccountsFor(Lender, ["Europe/London", "America/Santiago"], now), 100);

        Assert.All(accounts, a => Assert.Equal(["Europe/London", "America/Santiago"], a.TimeZoneIds));
    }

    [Fact]
    public void Shrink_AnAccount_RemovesHalfTheHistoryThenOneEntryHoldContactPointTagOrZoneAtATime()
    {
        var now = Instant.FromUtc(2026, 6, 1, 12, 0);
        var account = new BorrowerState("a")
        {
            TimeZoneIds = ["Europe/London", "UTC"],
            Tags = ["vip"],
            ContactPoints = [new ContactPoint(Channel.Sms), new ContactPoint(Channel.Call)],
            Holds = [new Hold(HoldKind.Dispute, now)],
            History = [.. Enumerable.Range(1, 6).Select(i => new ContactAttempt(now - Duration.FromHours(i), Channel.Call))],
        };

        var smaller = CadenceArbitraries.Shrink(account).ToList();

        Assert.Equal(3, smaller[0].History.Length);
        Assert.Equal(3, smaller[1].History.Length);
        Assert.Equal(6, smaller.Count(a => a.History.Length == 5));
        Assert.Contains(smaller, a => a.Holds.IsEmpty);
        Assert.Equal(2, smaller.Count(a => a.ContactPoints.Length == 1));
        Assert.Contains(smaller, a => a.Tags.IsEmpty);
        Assert.Contains(smaller, a => a.TimeZoneIds.SequenceEqual(["UTC"]));
        Assert.Equal(6 + 2 + 1 + 2 + 1 + 2, smaller.Count);
    }

    [Fact]
    public void Shrink_AScenarioOfSeveralAccounts_TriesEachAccountAlone()
    {
        var now = Instant.FromUtc(2026, 6, 1, 12, 0);
        var scenario = new Scenario(Lender, [new BorrowerState("a"), new BorrowerState("b")], now);

        Assert.Equal([["a"], ["b"]], CadenceArbitraries.Shrink(scenario).Select(s => s.Accounts.Select(a => a.AccountId).ToArray()));
    }

    /// <summary>A lender policy counting calls per account and texts per contact point.</summary>
    private static readonly CadencePolicy ScopedLender = CadencePolicy.CreateBuilder("scoped-lender")
        .WithDefaultZone("America/New_York")
        .AddStep(CadenceStep.Contact("call", Channel.Call, "call", 1, 30))
        .AddStep(CadenceStep.Contact("text", Channel.Sms, "text", 1, 30))
        .AddCap(new FrequencyCap("three-calls-per-account", 3, CapPeriod.SlidingDays(7), AttemptFilter.Outbound(Channel.Call)) { Scope = RuleScope.Account })
        .AddCap(new FrequencyCap("two-texts-per-number", 2, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Sms)) { Scope = RuleScope.ContactPoint })
        .Build();

    [Fact]
    public void PersonScenariosFor_HasOneToThreeAccounts_AboutSevenTwoAndOneTimesInTen()
    {
        var counts = Sample(CadenceArbitraries.PersonScenariosFor(ScopedLender), 1000).Select(s => s.Person.Accounts.Length).ToList();

        Assert.InRange(counts.Count(c => c == 1), 600, 800);
        Assert.InRange(counts.Count(c => c == 2), 120, 280);
        Assert.InRange(counts.Count(c => c == 3), 50, 160);
        Assert.All(Sample(CadenceArbitraries.PersonScenariosFor(ScopedLender), 200), s => Assert.Equal(s.Person.Accounts.Select((_, i) => "a" + (i + 1)), s.Person.Accounts.Select(a => a.AccountId)));
    }

    [Fact]
    public void PersonScenariosFor_GivesOneToThreePointsPerChannel_OfKindsThatFitIt_WithDistinctIds()
    {
        var persons = Sample(CadenceArbitraries.PersonScenariosFor(ScopedLender)).Select(s => s.Person).ToList();

        Assert.All(persons, p => Assert.Equal(p.ContactPoints.Length, p.ContactPoints.Select(c => c.Id).Distinct().Count()));
        Assert.All(persons, p => Assert.All(p.ContactPoints.GroupBy(c => c.Channel), g => Assert.InRange(g.Count(), 1, 3)));
        Assert.Contains(persons, p => p.ContactPoints.Count(c => c.Channel == Channel.Call) == 3);
        Assert.Contains(persons, p => p.ContactPoints.Any(c => c.Channel == Channel.Call && c.Kind == ContactPointKind.Landline) && p.ContactPoints.Any(c => c.Channel == Channel.Call && c.Kind == ContactPointKind.Mobile));
        Assert.Contains(persons, p => p.ContactPoints.Any(c => c.Id == ContactPoint.DefaultId(c.Channel)));
        Assert.Contains(persons, p => p.ContactPoints.Any(c => c.OptedOut) && p.ContactPoints.Any(c => !c.OptedOut));
        Assert.Contains(persons, p => p.ContactPoints.All(c => c.Channel != Channel.Sms));
        Assert.All(persons.SelectMany(p => p.ContactPoints).Where(c => c.Channel == Channel.Email), c => Assert.Contains(c.Kind, new[] { ContactPointKind.PersonalEmail, ContactPointKind.WorkEmail }));
    }

    [Fact]
    public void PersonScenariosFor_HistoriesNameAPointNoneOrAFormerOne_AndConcernOneAccountSomeOrAll()
    {
        var persons = Sample(CadenceArbitraries.PersonScenariosFor(ScopedLender)).Select(s => s.Person).Where(p => p.Accounts.Length == 3).ToList();
        var attempts = persons.SelectMany(p => p.History.Select(a => (Person: p, Attempt: a))).ToList();

        Assert.Contains(attempts, x => x.Attempt.ContactPointId is { } id && x.Person.ContactPoints.Any(c => c.Id == id && c.Channel == x.Attempt.Channel));
        Assert.Contains(attempts, x => x.Attempt.ContactPointId is null);
        Assert.Contains(attempts, x => x.Attempt.ContactPointId == CadenceArbitraries.FormerContactPointId);
        Assert.Contains(attempts, x => x.Attempt.AccountIds.IsEmpty);
        Assert.Contains(attempts, x => x.Attempt.AccountIds.Length == 1);
        Assert.Contains(attempts, x => x.Attempt.AccountIds.Length == 2);
        Assert.All(attempts, x => Assert.All(x.Attempt.AccountIds, id => Assert.Contains(x.Person.Accounts, a => a.AccountId == id)));
    }

    [Fact]
    public void PersonScenariosFor_BurstsFillAnAccountsCapAndAContactPointsCap()
    {
        var scenarios = Sample(CadenceArbitraries.PersonScenariosFor(ScopedLender));

        Assert.Contains(scenarios, s => s.Person.Accounts.Length > 1 && s.Person.Accounts.Any(acc =>
            s.Person.History.Count(a => a.Channel == Channel.Call && a.Direction == ContactDirection.Outbound && a.AccountIds.SequenceEqual([acc.AccountId]) && a.At > s.Now - Duration.FromDays(6)) >= 3));
        Assert.Contains(scenarios, s => s.Person.ContactPoints.Count(c => c.Channel == Channel.Sms) > 1 && s.Person.ContactPoints.Any(c =>
            s.Person.History.Count(a => a.Channel == Channel.Sms && a.Direction == ContactDirection.Outbound && a.ContactPointId == c.Id && a.At > s.Now - Duration.FromDays(1)) >= 2));
    }

    [Fact]
    public void PersonScenariosFor_HasHoldsOfThePersonAndOfAnAccount_AndRegionsOfThePacksAndOfTheirRules()
    {
        var persons = Sample(CadenceArbitraries.PersonScenariosFor(ScopedLender, Lender.LimitToRegions("US-NY"))).Select(s => s.Person).ToList();

        Assert.Contains(persons, p => !p.Holds.IsEmpty);
        Assert.Contains(persons, p => p.Holds.IsEmpty && p.Accounts.Any(a => !a.Holds.IsEmpty));
        Assert.Contains(persons, p => p.Holds.Any(h => h.Kind == BreathingSpace) || p.Accounts.Any(a => a.Holds.Any(h => h.Kind == BreathingSpace)));
        Assert.Contains(persons, p => p.Regions.IsEmpty);
        Assert.Contains(persons, p => p.Regions.Length == 2);
        Assert.All(CadenceArbitraries.Regions.Append("US-NY"), r => Assert.Contains(persons, p => p.Regions.Contains(r)));
        Assert.Contains(persons, p => p.Accounts.Any(a => a.DueDate is not null && a.AmountDue.Amount == 0m));
    }

    [Fact]
    public void PersonsFor_UsesTheZonesGiven()
    {
        var now = Instant.FromUtc(2026, 3, 29, 0, 30);

        var persons = Sample(CadenceArbitraries.PersonsFor(ScopedLender, ["Europe/London", "America/Santiago"], now), 100);

        Assert.All(persons, p => Assert.Equal(["Europe/London", "America/Santiago"], p.TimeZoneIds));
        Assert.All(persons.SelectMany(p => p.History), a => Assert.InRange(a.At, now - Duration.FromDays(61), now + Duration.FromDays(3)));
    }

    [Fact]
    public void PersonPolicies_ScopeCapsAndCooldownsPerPersonAccountAndContactPoint_AndLimitSomeRulesToRegions()
    {
        var policies = Sample(CadenceArbitraries.PersonPolicies(), 300);
        var caps = policies.SelectMany(p => p.Caps).ToList();
        var cooldowns = policies.SelectMany(p => p.Cooldowns).ToList();

        Assert.All(Enum.GetValues<RuleScope>(), scope => Assert.Contains(caps, c => c.Scope == scope));
        Assert.All(Enum.GetValues<RuleScope>(), scope => Assert.Contains(cooldowns, c => c.Scope == scope));
        Assert.Contains(caps, c => !c.ContactPointKinds.IsEmpty);
        Assert.Contains(caps, c => c.Source is { Regions: ["US-MA"] });
        Assert.Contains(policies, p => p.Windows.Any(w => w.Source is { Regions.IsEmpty: false }));
        Assert.Contains(policies, p => p.Steps.Any(s => s.Bundle));
        Assert.Contains(policies, p => p.Steps.Any(s => s.RepeatCalendarDays is not null));
        Assert.Contains(policies, p => p.FindStep("esc") is { IsEscalation: true });
        Assert.Contains(policies, p => p.DefaultZone is not null);
        Assert.All(Sample(CadenceArbitraries.Policies(), 300).SelectMany(p => p.Caps), c => Assert.Equal(RuleScope.Person, c.Scope));
    }

    [Fact]
    public void Shrink_APerson_RemovesHistoryAnAccountWithItsMentionsAPointAHoldAZoneOrTheRegions()
    {
        var now = Instant.FromUtc(2026, 6, 1, 12, 0);
        var person = new Person("p")
        {
            TimeZoneIds = ["Europe/London", "UTC"],
            Regions = ["US"],
            ContactPoints = [new ContactPoint(Channel.Sms) { Id = "m" }, new ContactPoint(Channel.Call) { Id = "h" }],
            Holds = [new Hold(HoldKind.Dispute, now)],
            Accounts = [new Account("a1") { Holds = [new Hold(HoldKind.PromiseToPay, now)] }, new Account("a2")],
            History = [new ContactAttempt(now - Duration.FromHours(1), Channel.Call) { AccountIds = ["a1"] }, new ContactAttempt(now - Duration.FromHours(2), Channel.Call) { AccountIds = ["a1", "a2"] }],
        };

        var smaller = CadenceArbitraries.Shrink(person).ToList();

        Assert.Equal(2, smaller.Count(p => p.History.Length == 1 && p.Accounts.Length == 2));
        var withoutA1 = Assert.Single(smaller, p => p.Accounts is [{ AccountId: "a2" }]);
        Assert.Equal([["a2"]], withoutA1.History.Select(a => a.AccountIds.ToArray()));
        Assert.Contains(smaller, p => p.Accounts is [{ AccountId: "a1" }] && p.History.Length == 2);
        Assert.Equal(2, smaller.Count(p => p.ContactPoints.Length == 1));
        Assert.Contains(smaller, p => p.Holds.IsEmpty);
        Assert.Contains(smaller, p => p.Accounts[0].Holds.IsEmpty);
        Assert.Contains(smaller, p => p.TimeZoneIds.SequenceEqual(["UTC"]));
        Assert.Contains(smaller, p => p.Regions.IsEmpty);
        Assert.Equal(2 + 2 + 2 + 1 + 1 + 2 + 1, smaller.Count);
    }

    [Fact]
    public void Shrink_APersonScenario_KeepsThePolicyAndTheInstant()
    {
        var now = Instant.FromUtc(2026, 6, 1, 12, 0);
        var scenario = new PersonScenario(Lender, new Person("p") { Regions = ["RU"], Accounts = [new Account("a1")] }, now);

        var smaller = Assert.Single(CadenceArbitraries.Shrink(scenario));

        Assert.Equal(new PersonScenario(Lender, new Person("p") { Accounts = [new Account("a1")] }, now), smaller);
    }
}
