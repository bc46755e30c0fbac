using Cadence.Tests.Support;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.CustomRules;

public sealed class PersonFactsTests
{
    private static readonly CadencePolicy Policy = Policies.SeedCadence();
    private static readonly Instant Now = At("2026-03-09T15:00:00Z");

    private static readonly ContactPoint Mobile = new(Channel.Call) { Id = "m1", Kind = ContactPointKind.Mobile };
    private static readonly ContactPoint Home = new(Channel.Call) { Id = "h1", Kind = ContactPointKind.Landline };

    private static Person TwoAccounts(params ContactAttempt[] history) => new("p1")
    {
        TimeZoneIds = ["America/New_York"],
        Tags = ["vip"],
        ContactPoints = [Mobile, Home],
        Holds = [new Hold(HoldKind.Bankruptcy, At("2026-01-01T00:00:00Z"))],
        History = [.. history],
        Accounts =
        [
            new Account("a1") { DueDate = new LocalDate(2026, 3, 1), AmountDue = new Money(100m, "USD"), Tags = ["card"], Holds = [new Hold(HoldKind.Dispute, At("2026-02-01T00:00:00Z"))] },
            new Account("a2") { DueDate = new LocalDate(2026, 3, 5), AmountDue = new Money(0m, "USD") },
        ],
    };

    [Fact]
    public void Accounts_EachHaveTheirOwnDayFromDue_AndNothingOwedIsNull()
    {
        var facts = Facts.Derive(Policy, TwoAccounts(), Now);

        Assert.Equal(["a1", "a2"], facts.Accounts.Select(a => a.AccountId));
        Assert.Equal(8, facts.Accounts[0].DayFromDue);
        Assert.Null(facts.Accounts[1].DayFromDue);
        Assert.Same(facts, facts.Accounts[1].Person);
    }

    [Fact]
    public void StepsServed_CountOnlyAttemptsThatConcernedTheAccount_OrNamedNoAccount()
    {
        var step = Policy.FindStep("sms-overdue")!;
        var aboutA1 = new ContactAttempt(At("2026-03-02T15:00:00Z"), Channel.Sms, StepId: step.Id) { AccountIds = ["a1"] };
        var aboutBoth = new ContactAttempt(At("2026-03-03T15:00:00Z"), Channel.Sms, StepId: step.Id);

        var person = TwoAccounts(aboutA1, aboutBoth);
        person = person with { Accounts = [person.Accounts[0], person.Accounts[1] with { AmountDue = new Money(50m, "USD") }] };

        var facts = Facts.Derive(Policy, person, Now);

        Assert.Equal(2, facts.Accounts[0].AttemptsOf(step));
        Assert.Equal(1, facts.Accounts[1].AttemptsOf(step));
        Assert.Equal(aboutBoth.At, facts.Accounts[1].LastAttemptOf(step));
    }

    [Fact]
    public void TagsAndHolds_OfThePersonApplyToEveryAccount_ThoseOfAnAccountToItAlone()
    {
        var facts = Facts.Derive(Policy, TwoAccounts(), Now);

        Assert.True(facts.Accounts[0].HasTag("card"));
        Assert.False(facts.Accounts[1].HasTag("card"));
        Assert.True(facts.Accounts[1].HasTag("vip"));
        Assert.NotNull(facts.Accounts[0].ActiveHold(HoldKind.Dispute));
        Assert.Null(facts.Accounts[1].ActiveHold(HoldKind.Dispute));
        Assert.NotNull(facts.Accounts[1].ActiveHold(HoldKind.Bankruptcy));
    }

    [Fact]
    public void ConsecutiveFailures_CountPerContactPoint_AndAnAttemptNamingNoPointCountsForEveryPointOfItsChannel()
    {
        var failed = new[] { ContactOutcome.Failed };
        var onMobile = new ContactAttempt(At("2026-03-08T15:00:00Z"), Channel.Call, Outcome: ContactOutcome.Failed) { ContactPointId = "m1" };
        var unnamed = new ContactAttempt(At("2026-03-08T16:00:00Z"), Channel.Call, Outcome: ContactOutcome.Failed);

        var facts = Facts.Derive(Policy, TwoAccounts(onMobile, unnamed), Now);

        Assert.Equal(2, facts.ConsecutiveFailures(Mobile, [.. failed]));
        Assert.Equal(1, facts.ConsecutiveFailures(Home, [.. failed]));
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "US-MA" }, true)]
    [InlineData(new[] { "US" }, true)]
    [InlineData(new[] { "US-NY" }, false)]
    [InlineData(new[] { "RU" }, false)]
    public void IsIn_MatchesARegionItsSubdivisionsAndUnknownRegions(string[] personRegions, bool expected)
    {
        var facts = Facts.Derive(Policy, TwoAccounts() with { Regions = [.. personRegions] }, Now);

        Assert.Equal(expected, facts.IsIn(["US-MA"]));
        Assert.True(facts.IsIn([]));
    }

    [Fact]
    public void State_OfAPersonsAccount_IsAViewWithThePersonsAndTheAccountsHoldsAndTags()
    {
        var facts = Facts.Derive(Policy, TwoAccounts(), Now);

        var state = facts.Accounts[0].State;

        Assert.Equal("a1", state.AccountId);
        Assert.Equal([HoldKind.Bankruptcy, HoldKind.Dispute], state.Holds.Select(h => h.Kind));
        Assert.Equal(["vip", "card"], state.Tags);
        Assert.Equal([Mobile, Home], state.ContactPoints);
    }

    [Fact]
    public void ConsecutiveFailures_AnUnknownOutcomeIsAFailure_WhicheverOutcomesAreListed()
    {
        var history = new[]
        {
            new ContactAttempt(At("2026-03-08T14:00:00Z"), Channel.Call, Outcome: ContactOutcome.Failed) { ContactPointId = "m1" },
            new ContactAttempt(At("2026-03-08T15:00:00Z"), Channel.Call, Outcome: ContactOutcome.Unknown) { ContactPointId = "m1" },
            new ContactAttempt(At("2026-03-08T16:00:00Z"), Channel.Call, Outcome: ContactOutcome.Failed) { ContactPointId = "m1" },
            new ContactAttempt(At("2026-03-08T17:00:00Z"), Channel.Call, Outcome: ContactOutcome.Unknown) { ContactPointId = "m1" },
        };

        var facts = Facts.Derive(Policy, TwoAccounts(history), Now);

        Assert.Equal(4, facts.ConsecutiveFailures(Mobile, [ContactOutcome.Failed]));
        Assert.Equal(1, facts.ConsecutiveFailures(Mobile, [ContactOutcome.Bounced])); // the latest, unknown; then a failure not listed ends the run
        Assert.True(facts.IsExhausted(new ExhaustionRule("three", 3, [Channel.Call], [ContactOutcome.Failed]), Mobile));
    }
}
