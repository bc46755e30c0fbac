using System.Collections.Immutable;
using Cadence.Experiments;
using Cadence.Json;
using NodaTime;

namespace Cadence.Simulation.Tests;

public sealed class PortfolioSimulatorTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 0, 0);

    private static CadencePolicy Sample(string name) => PolicyJson.Load(Path.Combine(AppContext.BaseDirectory, "policies", name));

    private static SimulationOptions Days(int days, int seed = 7) => new() { Start = Start, End = Start + Duration.FromDays(days), Seed = seed };

    private static string Fingerprint(SimulationResult r)
        => string.Join('\n', r.Contacts.Select(c => $"{c.Account.AccountId} {c.Contact.At} {c.Contact.Attempt.Channel} {c.Contact.Attempt.Outcome} {c.Contact.Attempt.StepId}"))
           + string.Join('\n', r.Timelines.SelectMany(t => t.Events.Where(e => e is not ContactMade).Select(e => $"{t.AccountId} {e}")));

    [Fact]
    public void Run_TheSameSeed_GivesTheSameRun_AndAnotherSeedAnother()
    {
        var policy = Sample("acme-us.policy.json");
        var portfolio = SyntheticPortfolio.Generate(300, Start, seed: 1);

        var first = new PortfolioSimulator(policy).Run(portfolio, Days(20), TestContext.Current.CancellationToken);
        var again = new PortfolioSimulator(policy).Run(portfolio, Days(20), TestContext.Current.CancellationToken);
        var other = new PortfolioSimulator(policy).Run(portfolio, Days(20, seed: 8), TestContext.Current.CancellationToken);

        Assert.Equal(Fingerprint(first), Fingerprint(again));
        Assert.Equal(first.Daily, again.Daily);
        Assert.NotEqual(Fingerprint(first), Fingerprint(other));
    }

    [Fact]
    public void Run_DoesNotDependOnTheEnginesParallelism()
    {
        var policy = Sample("acme-us.policy.json");
        var portfolio = SyntheticPortfolio.Generate(300, Start, seed: 2);

        var serial = new PortfolioSimulator(new CadenceEngine(policy, new CadenceEngineOptions { MaxDegreeOfParallelism = 1 })).Run(portfolio, Days(15), TestContext.Current.CancellationToken);
        var parallel = new PortfolioSimulator(new CadenceEngine(policy, new CadenceEngineOptions { MaxDegreeOfParallelism = 4, MinimumPartitionSize = 1 })).Run(portfolio, Days(15), TestContext.Current.CancellationToken);

        Assert.Equal(Fingerprint(serial), Fingerprint(parallel));
    }

    [Fact]
    public void Run_MakesEveryContactAtTheNotBeforeOfADecisionTakenWithinTheStepBefore()
    {
        var policy = Sample("acme-us.policy.json");
        var portfolio = SyntheticPortfolio.Generate(200, Start, seed: 3);
        var engine = new CadenceEngine(policy);

        var result = new PortfolioSimulator(engine).Run(portfolio, Days(10), TestContext.Current.CancellationToken);

        Assert.NotEmpty(result.Contacts);
        foreach (var (account, contact) in result.Contacts)
        {
            var decidedAt = contact.DecidedAt!.Value;
            Assert.InRange(contact.At, decidedAt, decidedAt + Duration.FromHours(1) - Duration.Epsilon);
            var stateThen = account.StateAfter(account.Events.IndexOf(contact));
            var decision = engine.Evaluate(stateThen, decidedAt);
            Assert.Equal((contact.Attempt.Channel == Channel.None ? DecisionKind.Escalate : DecisionKind.Contact, contact.At, contact.Attempt.StepId), (decision.Kind, decision.NotBefore!.Value, decision.Step?.Id));
        }
    }

    [Fact]
    public void Run_APaymentMovesTheDueDateAndCountsAsACure()
    {
        var policy = Sample("acme-us.policy.json");
        var portfolio = SyntheticPortfolio.Generate(400, Start, seed: 4);
        var generous = new OutcomeModel { PaymentAfterContact = 0.3 };

        var result = new PortfolioSimulator(policy).Run(portfolio, Days(30) with { Outcomes = generous }, TestContext.Current.CancellationToken);

        var paid = result.Timelines.Where(t => t.Events.OfType<PaymentMade>().Any()).ToList();
        Assert.NotEmpty(paid);
        Assert.Equal(paid.Count, result.Variants.Single().CuredAccounts);
        foreach (var t in paid)
        {
            var payment = t.Events.OfType<PaymentMade>().First();
            Assert.True(payment.NextDueDate > payment.At.InUtc().Date.PlusDays(-1), $"{t.AccountId}: the next due date {payment.NextDueDate} is not after the payment at {payment.At}");
            Assert.Equal(t.Events.OfType<PaymentMade>().Last().NextDueDate, t.Final.DueDate);
        }
    }

    [Fact]
    public void Run_CountsPerDayAndChannel_AddUpToTheContactsMade()
    {
        var result = new PortfolioSimulator(Sample("acme-us.policy.json")).Run(SyntheticPortfolio.Generate(200, Start, seed: 5), Days(10), TestContext.Current.CancellationToken);

        Assert.Equal(result.Contacts.Count(), result.Daily.Sum(d => d.Contacts));
        Assert.Equal(result.Variants.Single().Contacts, result.Daily.Sum(d => d.Contacts));
        Assert.Equal(result.Daily.OrderBy(d => d.Date).Select(d => d.Date), result.Daily.Select(d => d.Date));
        Assert.All(result.Daily, d => Assert.InRange(d.Date, new LocalDate(2026, 3, 2), new LocalDate(2026, 3, 11)));
    }

    [Fact]
    public void Run_AnExperiment_ComparesItsVariantsSideBySide()
    {
        var champion = Sample("acme-us.policy.json");
        var quiet = CadencePolicy.CreateBuilder("e-mail-only").Include(Cadence.Jurisdictions.JurisdictionPacks.UsRegulationF())
            .AddStep(CadenceStep.Contact("email", Channel.Email, "email", -7, 60) with { RepeatInterval = Duration.FromDays(3) })
            .Build();
        var experiment = new Experiment("cadence-2026", [new ExperimentVariant("champion", champion, 3), new ExperimentVariant("e-mail-only", quiet, 1)]);
        var portfolio = SyntheticPortfolio.Generate(400, Start, seed: 6);

        var result = new PortfolioSimulator(experiment).Run(portfolio, Days(20), TestContext.Current.CancellationToken);

        Assert.Equal(["champion", "e-mail-only"], result.Variants.Select(v => v.Variant));
        Assert.Equal(400, result.Variants.Sum(v => v.Accounts));
        Assert.All(result.Timelines, t => Assert.Equal(experiment.Assign(t.AccountId).Name, t.Variant));
        Assert.Equal([Channel.Email], result.Variants[1].ContactsByChannel.Keys);
        Assert.Contains(Channel.Call, result.Variants[0].ContactsByChannel.Keys);
        Assert.True(result.Violations.IsEmpty, string.Join('\n', result.Violations.Take(10)));
        Assert.Equal(result.Variants.Select(v => v.Contacts), result.Variants.Select(v => result.Daily.Where(d => d.Variant == v.Variant).Sum(d => d.Contacts)));
    }

    [Fact]
    public void Run_AnEmptyPeriod_IsRefused()
    {
        var simulator = new PortfolioSimulator(Sample("acme-us.policy.json"));

        var error = Assert.Throws<ArgumentException>(() => simulator.Run(Array.Empty<Person>(), new SimulationOptions { Start = Start, End = Start }, TestContext.Current.CancellationToken));

        Assert.Contains("ends", error.Message, StringComparison.Ordinal);
    }

    private static string Fingerprint(ImmutableArray<PersonTimeline> persons)
        => string.Join('\n', persons.SelectMany(t => t.Events.Select(e => e is ContactMade c
            ? $"{t.PersonId} {c.At} {c.Attempt.Channel} {c.Attempt.ContactPointId} {string.Join('+', c.Attempt.AccountIds)} {c.Attempt.Outcome} {c.Attempt.StepId}"
            : $"{t.PersonId} {e}")));

    [Fact]
    public void Run_Persons_GivesTheSameRunForASeed_WhateverTheEnginesParallelism()
    {
        var policy = Sample("ru-lender.policy.json");
        var portfolio = SyntheticPortfolio.GeneratePersons(200, Start, seed: 5, new SyntheticPortfolioOptions { Zones = SyntheticPortfolioOptions.RussianZones, Currency = "RUB" });

        var serial = new PortfolioSimulator(new CadenceEngine(policy, new CadenceEngineOptions { MaxDegreeOfParallelism = 1 })).Run(portfolio, Days(15), TestContext.Current.CancellationToken);
        var parallel = new PortfolioSimulator(new CadenceEngine(policy, new CadenceEngineOptions { MaxDegreeOfParallelism = 4, MinimumPartitionSize = 1 })).Run(portfolio, Days(15), TestContext.Current.CancellationToken);
        var other = new PortfolioSimulator(policy).Run(portfolio, Days(15, seed: 8), TestContext.Current.CancellationToken);

        Assert.NotEmpty(serial.PersonContacts);
        Assert.Equal(Fingerprint(serial.Persons), Fingerprint(parallel.Persons));
        Assert.NotEqual(Fingerprint(serial.Persons), Fingerprint(other.Persons));
        Assert.Empty(serial.Timelines);
    }

    [Fact]
    public void Run_Persons_RecordsEachContactOnItsPointAboutItsAccounts_AndEachPaymentOnItsAccount()
    {
        var policy = Sample("acme-us.policy.json");
        var portfolio = SyntheticPortfolio.GeneratePersons(300, Start, seed: 6);

        var result = new PortfolioSimulator(policy).Run(portfolio, Days(30), TestContext.Current.CancellationToken);

        foreach (var (person, contact) in result.PersonContacts)
        {
            var point = Assert.Single(person.Initial.ContactPoints, p => p.Id == contact.Attempt.ContactPointId || (contact.Attempt.Channel == Channel.None && p == person.Initial.ContactPoints[0]));
            Assert.True(contact.Attempt.Channel == Channel.None || point.Channel == contact.Attempt.Channel);
            Assert.NotEmpty(contact.Attempt.AccountIds);
            Assert.All(contact.Attempt.AccountIds, id => Assert.Contains(person.Initial.Accounts, a => a.AccountId == id));
        }

        var payments = result.Persons.SelectMany(t => t.Events.OfType<PaymentMade>().Select(p => (t, p))).ToList();
        Assert.NotEmpty(payments);
        Assert.All(payments, x => Assert.Contains(x.t.Initial.Accounts, a => a.AccountId == x.p.AccountId));
        Assert.Equal(300, result.Variants.Single().Persons);
        Assert.Equal(portfolio.Sum(p => p.Accounts.Length), result.Variants.Single().Accounts);
    }

    [Fact]
    public void Run_AnEngineThatDecidesAccountByAccount_IsCaughtBreakingAPersonCap()
    {
        var policy = Sample("ru-lender.policy.json");
        var portfolio = SyntheticPortfolio.GeneratePersons(300, Start, seed: 9, new SyntheticPortfolioOptions { Zones = SyntheticPortfolioOptions.RussianZones, Currency = "RUB", AccountsPerPerson = [0, 1] });

        var blind = new PortfolioSimulator(new AccountByAccountEngine(policy)).Run(portfolio, Days(30), TestContext.Current.CancellationToken);
        var whole = new PortfolioSimulator(policy).Run(portfolio, Days(30), TestContext.Current.CancellationToken);

        Assert.Contains(blind.Violations, v => v.Kind == ViolationKind.Cap && v.Scope == RuleScope.Person && v.ScopeKey == v.PersonId && v.PersonId!.StartsWith("PER-", StringComparison.Ordinal));
        Assert.Empty(whole.Violations);
    }

    /// <summary>What a system of accounts does with a person: decides each account alone, seeing only the history about it, and takes the earliest contact.</summary>
    private sealed class AccountByAccountEngine(CadencePolicy policy) : ICadenceEngine
    {
        private readonly CadenceEngine inner = new(policy);

        public CadencePolicy Policy => policy;

        public string Description => "account by account";

        public IClock? Clock => null;

        public Decision Evaluate(BorrowerState account, Instant now) => inner.Evaluate(account, now);

        public void EvaluateBatch(IReadOnlyList<BorrowerState> accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
            => inner.EvaluateBatch(accounts, destination, now, cancellationToken);

        public Decision Evaluate(Person person, Instant now)
        {
            var decisions = person.Accounts
                .Select(a => inner.Evaluate(person with { Accounts = [a], History = [.. person.History.Where(h => h.Concerns(a.AccountId) && (h.AccountIds.IsEmpty || h.AccountIds.Length == 1))] }, now))
                .ToList();
            var contacts = decisions.Where(d => d.Kind == DecisionKind.Contact).OrderBy(d => d.NotBefore).ToList();
            return contacts.Count > 0 ? contacts[0] : decisions[0];
        }
    }
}
