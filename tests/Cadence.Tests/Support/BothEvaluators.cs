using NodaTime;

namespace Cadence.Tests.Support;

/// <summary>
/// An engine for behaviour tests that decides on both evaluators — the compiled one (unless the policy has custom NRules
/// rules) and NRules — checks that they agree on every decision, explanation included, and returns it. Every behaviour
/// test written against it therefore runs on both.
/// </summary>
internal sealed class BothEvaluators : ICadenceEngine
{
    private readonly CadenceEngine? compiled;
    private readonly CadenceEngine nrules;

    public BothEvaluators(CadencePolicy policy, CadenceEngineOptions? options = null, IClock? clock = null)
    {
        compiled = policy.CustomRules.IsEmpty ? new CadenceEngine(policy, With(options, CadenceEvaluator.Compiled), clock) : null;
        nrules = new CadenceEngine(policy, With(options, CadenceEvaluator.NRules), clock);
    }

    public CadencePolicy Policy => nrules.Policy;

    public string Description => $"both evaluators: {compiled?.Description ?? "(no compiled evaluator: custom rules)"}; {nrules.Description}";

    public IClock? Clock => nrules.Clock;

    public Decision Evaluate(BorrowerState account, Instant now)
    {
        var decision = nrules.Evaluate(account, now);
        if (compiled is not null)
        {
            Agree(compiled.Evaluate(account, now), decision);
        }

        return decision;
    }

    public void EvaluateBatch(IReadOnlyList<BorrowerState> accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
    {
        nrules.EvaluateBatch(accounts, destination, now, cancellationToken);
        if (compiled is not null)
        {
            var other = new Decision[accounts.Count];
            compiled.EvaluateBatch(accounts, other, now, cancellationToken);
            for (var i = 0; i < other.Length; i++)
            {
                Agree(other[i], destination.Span[i]);
            }
        }
    }

    public Decision Evaluate(Person person, Instant now)
    {
        var decision = nrules.Evaluate(person, now);
        if (compiled is not null)
        {
            Agree(compiled.Evaluate(person, now), decision);
        }

        return decision;
    }

    public void EvaluateBatch(IReadOnlyList<Person> persons, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
    {
        nrules.EvaluateBatch(persons, destination, now, cancellationToken);
        if (compiled is not null)
        {
            var other = new Decision[persons.Count];
            compiled.EvaluateBatch(persons, other, now, cancellationToken);
            for (var i = 0; i < other.Length; i++)
            {
                Agree(other[i], destination.Span[i]);
            }
        }
    }

    public ContactCheck Check(Person person, ProposedContact contact, Instant now)
    {
        var check = nrules.Check(person, contact, now);
        if (compiled is not null)
        {
            Assert.Equal(check, compiled.Check(person, contact, now));
        }

        return check;
    }

    private static void Agree(Decision compiled, Decision nrules)
    {
        Assert.Equal(nrules.ToString(), compiled.ToString());
        Assert.Equal(nrules.ContactPointId, compiled.ContactPointId);
        Assert.Equal(nrules.AccountIds, compiled.AccountIds);
        Assert.Equal(nrules.Escalations.Select(e => e.ToString()), compiled.Escalations.Select(e => e.ToString()));
        Assert.Equal(nrules.ReviewAt, compiled.ReviewAt);
        Assert.Equal(nrules.Error, compiled.Error);
        Assert.Equal(nrules.Explanation?.ToDisplayString(), compiled.Explanation?.ToDisplayString());
        Assert.Equal(nrules.Explanation, compiled.Explanation);
        Assert.Equal(nrules, compiled);
    }

    private static CadenceEngineOptions With(CadenceEngineOptions? options, CadenceEvaluator evaluator)
    {
        var copy = (options ?? new CadenceEngineOptions()).Snapshot();
        copy.Evaluator = evaluator;
        return copy;
    }
}
