using System.Text.RegularExpressions;
using System.Collections.Immutable;
using Cadence.Testing;
using Cadence.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cadence.Tests.Engine;

/// <summary>
/// The guarantees of semantics.md §4 for persons — several accounts, several contact points per channel, one shared
/// history, caps and cooldowns scoped per person, account or contact point — over generated policies and persons
/// (<see cref="CadenceArbitraries.PersonScenarios"/>), checked by an independent scope-aware reading of the rules
/// (<see cref="PersonCompliance"/>), on both evaluators.
/// </summary>
public sealed class PersonProperties
{
    private static readonly CadenceEngineOptions CompiledOptions = new() { Evaluator = CadenceEvaluator.Compiled };
    private static readonly CadenceEngineOptions NRulesOptions = new() { Evaluator = CadenceEvaluator.NRules };

    [Property(MaxTest = 600, Arbitrary = [typeof(PersonArbitraries)])]
    public void RecordingTheDecidedContactAtNotBefore_BreaksNoCapOrCooldownAtAnyScope_AndUsesNoBlockedPoint(PersonScenario s)
        => Complies(s, new CadenceEngine(s.Policy, CompiledOptions));

    /// <remarks>Ten persons per generated policy, so that the NRules session factory is compiled once for them.</remarks>
    [Property(MaxTest = 30, Arbitrary = [typeof(PersonArbitraries)])]
    public void OnNRules_RecordingTheDecidedContactAtNotBefore_BreaksNoCapOrCooldownAtAnyScope_AndUsesNoBlockedPoint(PersonBatch batch)
    {
        var engine = new CadenceEngine(batch.Policy, NRulesOptions);
        foreach (var s in batch.Persons)
        {
            Complies(s, engine);
        }
    }

    [Property(MaxTest = 600, Arbitrary = [typeof(PersonArbitraries)])]
    public void NotBefore_IsNeverBeforeNow_AndInsideTheWindowInEveryZoneOfThePerson(PersonScenario s)
    {
        var d = new CadenceEngine(s.Policy, CompiledOptions).Evaluate(s.Person, s.Now);
        Assert.NotEqual(DecisionKind.Error, d.Kind);
        var problems = PersonCompliance.Timing(s.Policy, s.Person, s.Now, d);
        Assert.True(problems.Count == 0, Report(s, d, problems));
    }

    /// <remarks>2 000 persons: 200 generated policies of ten persons each, so that each NRules session factory serves ten.</remarks>
    [Property(MaxTest = 200, Arbitrary = [typeof(PersonArbitraries)])]
    public void CompiledAndNRulesEvaluators_DecideEveryPersonAlike_ExplanationsIncluded(PersonBatch batch)
    {
        var compiled = new CadenceEngine(batch.Policy, CompiledOptions);
        var nrules = new CadenceEngine(batch.Policy, NRulesOptions);
        var fast = new CadenceEngine(batch.Policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.Compiled, IncludeExplanations = false });
        Assert.Equal(PersonBatch.Size, batch.Persons.Length);
        foreach (var s in batch.Persons)
        {
            var a = compiled.Evaluate(s.Person, s.Now);
            var b = nrules.Evaluate(s.Person, s.Now);
            Assert.NotNull(a.Explanation);
            Assert.True(Render(b, withExplanation: true) == Render(a, withExplanation: true), $"NRules:{Environment.NewLine}{Render(b, true)}{Environment.NewLine}compiled:{Environment.NewLine}{Render(a, true)}{Environment.NewLine}{s}");
            Assert.Equal(b.Explanation, a.Explanation);

            // Without explanations (the batch default) the decision itself is the same.
            var c = fast.Evaluate(s.Person, s.Now);
            Assert.Null(c.Explanation);
            Assert.Equal(Render(b, withExplanation: false), Render(c, withExplanation: false));
        }
    }

    [Property(MaxTest = 400, Arbitrary = [typeof(PersonArbitraries)])]
    public void Decisions_DoNotDependOnTheOrderOfAccountsContactPointsOrHistory(PersonScenario s, int seed)
    {
        var engine = new CadenceEngine(s.Policy, CompiledOptions);
        var expected = engine.Evaluate(s.Person, s.Now);
        var random = new Random(seed);
        var p = s.Person;
        var shuffled = new[]
        {
            ("accounts", p with { Accounts = Shuffle(p.Accounts, random) }),
            ("contact points", p with { ContactPoints = Shuffle(p.ContactPoints, random) }),
            ("history", p with { History = Shuffle(p.History, random) }),
            ("all three", p with { Accounts = Shuffle(p.Accounts, random), ContactPoints = Shuffle(p.ContactPoints, random), History = Shuffle(p.History, random) }),
        };
        foreach (var (what, person) in shuffled)
        {
            var actual = engine.Evaluate(person, s.Now);
            Assert.True(
                Render(expected, withExplanation: false) == Render(actual, withExplanation: false),
                $"shuffling the {what} changed the decision:{Environment.NewLine}  before {Render(expected, false)}{Environment.NewLine}  after  {Render(actual, false)}{Environment.NewLine}{s}");
            Assert.True(
                Normalised(expected) == Normalised(actual),
                $"shuffling the {what} changed the explanation:{Environment.NewLine}{Normalised(expected)}{Environment.NewLine}---{Environment.NewLine}{Normalised(actual)}{Environment.NewLine}{s}");
        }
    }

    /// <summary>A person of one account, with one point per channel under its default id, decides as the account alone, on generated single-account policies.</summary>
    [Property(MaxTest = 400, Arbitrary = [typeof(CadenceArbitraries)])]
    public void APersonOfOneAccount_DecidesExactlyAsTheAccountAlone(AccountScenario s)
    {
        var engine = new CadenceEngine(s.Policy, CompiledOptions);
        var alone = engine.Evaluate(s.Account, s.Now);
        var person = engine.Evaluate(Person.FromAccount(s.Account), s.Now);
        Assert.Equal(Render(alone, withExplanation: true), Unnamed(Render(person, withExplanation: true)));
    }

    /// <summary>As <see cref="APersonOfOneAccount_DecidesExactlyAsTheAccountAlone"/>, under generated policies with scoped caps, cooldowns and bundling steps.</summary>
    [Property(MaxTest = 400, Arbitrary = [typeof(PersonArbitraries)])]
    public void APersonOfOneAccount_DecidesExactlyAsTheAccountAlone_UnderScopedRules(PersonScenario s)
    {
        var account = s.Person.Accounts[0];
        var state = new BorrowerState(account.AccountId)
        {
            TimeZoneIds = s.Person.TimeZoneIds,
            DueDate = account.DueDate,
            AmountDue = account.AmountDue,
            Autopay = account.Autopay,
            Holds = s.Person.Holds.AddRange(account.Holds),
            ContactPoints = [.. s.Person.ContactPoints.GroupBy(p => p.Channel).Select(g => g.First() with { Id = ContactPoint.DefaultId(g.Key) })],
            History = [.. s.Person.History.Select(h => h with { AccountIds = [], ContactPointId = h.ContactPointId is null ? null : ContactPoint.DefaultId(h.Channel) })],
        };
        var engine = new CadenceEngine(s.Policy, CompiledOptions);
        var alone = engine.Evaluate(state, s.Now);
        var person = engine.Evaluate(Person.FromAccount(state), s.Now);
        Assert.Equal(Render(alone, withExplanation: true), Unnamed(Render(person, withExplanation: true)));
    }

    /// <summary>A person's explanation without the account and point each candidate names (a single account's names neither: it has one of each).</summary>
    private static string Unnamed(string rendered) => Regex.Replace(rendered, @"\] (\w+) about \S+( on \S+)?", "] $1");

    private static void Complies(PersonScenario s, CadenceEngine engine)
    {
        var d = engine.Evaluate(s.Person, s.Now);
        Assert.True(d.Kind != DecisionKind.Error, $"{d}{Environment.NewLine}{s}");
        var problems = PersonCompliance.Check(s.Policy, s.Person, s.Now, d);
        Assert.True(problems.Count == 0, Report(s, d, problems));
    }

    private static string Report(PersonScenario s, Decision d, List<string> problems)
        => $"{d}{Environment.NewLine}violations:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", problems)}{Environment.NewLine}{s}{d.Explanation?.ToDisplayString()}";

    private static string Render(Decision d, bool withExplanation)
        => $"{d} | point={d.ContactPointId} accounts=[{string.Join(",", d.AccountIds)}] escalations=[{string.Join("; ", d.Escalations)}] reviewAt={d.ReviewAt} suppressedBy={d.SuppressedBy} error={d.Error}"
           + (withExplanation ? Environment.NewLine + d.Explanation?.ToDisplayString() : string.Empty);

    /// <summary>The explanation's lines in ordinal order: the same candidates and reasons, whatever order they were met in.</summary>
    private static string Normalised(Decision d)
        => string.Join(Environment.NewLine, (d.Explanation?.ToDisplayString() ?? string.Empty).Split('\n').Select(l => l.TrimEnd('\r')).Order(StringComparer.Ordinal));

    private static ImmutableArray<T> Shuffle<T>(ImmutableArray<T> items, Random random)
    {
        var copy = items.ToArray();
        random.Shuffle(copy);
        return [.. copy];
    }
}
