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

    public Decision Evaluate(BorrowerState account, Instant now) => Decide(account, (e, a) => e.Evaluate(a, now));

    public void EvaluateBatch(IReadOnlyList<BorrowerState> accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
        => DecideBatch(accounts, destination, (e, items, into) => e.EvaluateBatch(items, into, now, cancellationToken));

    public Decision Evaluate(Person person, Instant now) => Decide(person, (e, p) => e.Evaluate(p, now));

    public void EvaluateBatch(IReadOnlyList<Person> persons, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
        => DecideBatch(persons, destination, (e, items, into) => e.EvaluateBatch(items, into, now, cancellationToken));

    public ContactCheck Check(Person person, ProposedContact contact, Instant now)
    {
        var check = nrules.Check(person, contact, now);
        if (compiled is not null)
        {
            Assert.Equal(check, compiled.Check(person, contact, now));
        }

        return check;
    }

    /// <summary>Decides <paramref name="item"/> on NRules and, when there is one, on the compiled evaluator, which must agree.</summary>
    private Decision Decide<T>(T item, Func<CadenceEngine, T, Decision> evaluate)
    {
        var decision = evaluate(nrules, item);
        if (compiled is not null)
        {
            Agree(evaluate(compiled, item), decision);
        }

        return decision;
    }

    /// <summary>As <see cref="Decide{T}"/>, for a batch written into <paramref name="destination"/>.</summary>
    private void DecideBatch<T>(IReadOnlyList<T> items, Memory<Decision> destination, Action<CadenceEngine, IReadOnlyList<T>, Memory<Decision>> evaluate)
    {
        evaluate(nrules, items, destination);
        if (compiled is not null)
        {
            var other = new Decision[items.Count];
            evaluate(compiled, items, other);
            for (var i = 0; i < other.Length; i++)
            {
                Agree(other[i], destination.Span[i]);
            }
        }
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
