using System.Collections.Immutable;
using Cadence.Evaluation.Evaluators;
using Cadence.Internal;
using NodaTime;

namespace Cadence.Experiments;

/// <summary>
/// Evaluates a champion/challenger <see cref="Experiment"/>: each account or person with the engine of the variant it is
/// assigned to; every decision records its <see cref="Decision.Variant"/>.
/// </summary>
/// <remarks>
/// Thread-safe. Deterministic: a variant depends only on the experiment and the account's id, or the person's id (so
/// every account of a person shares the person's variant).
/// </remarks>
public sealed class ExperimentEngine : ICadenceEngine
{
    /// <summary>Creates the engine, one <see cref="CadenceEngine"/> per variant.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="options">Options for every variant's engine.</param>
    /// <param name="clock">The clock for <see cref="CadenceEngineExtensions.EvaluateNow(ICadenceEngine, BorrowerState)"/>; none by default.</param>
    public ExperimentEngine(Experiment experiment, CadenceEngineOptions? options = null, IClock? clock = null)
    {
        Experiment = Guard.NotNull(experiment);
        Clock = clock;
        Engines = [.. experiment.Variants.Select(v => new CadenceEngine(v.Policy, options, clock))];
        Description = $"Experiment '{experiment.Name}': {string.Join("; ", experiment.Variants.Select((v, i) => $"{v.Name} (weight {v.Weight}/{experiment.TotalWeight}): {Engines[i].Description}"))}";
    }

    /// <summary>The experiment.</summary>
    public Experiment Experiment { get; }

    /// <summary>The variants' engines, in the order of <see cref="Experiment.Variants"/>.</summary>
    public ImmutableArray<CadenceEngine> Engines { get; }

    /// <summary>The champion's policy (the first variant's).</summary>
    public CadencePolicy Policy => Experiment.Champion.Policy;

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IClock? Clock { get; }

    /// <inheritdoc />
    public Decision Evaluate(BorrowerState account, Instant now)
    {
        if (account is null)
        {
            return EvaluationFailure.NullAccount();
        }

        var index = Experiment.IndexOf(account.AccountId ?? string.Empty);
        return Engines[index].Evaluate(account, now) with { Variant = Experiment.Variants[index].Name };
    }

    /// <inheritdoc />
    /// <remarks>Splits the accounts by variant, evaluates each variant's accounts as one batch and puts the decisions back in input order.</remarks>
    public void EvaluateBatch(IReadOnlyList<BorrowerState> accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(accounts);
        CadenceEngineExtensions.EnsureRoom(destination, accounts.Count);

        var groups = new List<int>[Engines.Length];
        for (var v = 0; v < groups.Length; v++)
        {
            groups[v] = [];
        }

        var results = destination.Span;
        for (var i = 0; i < accounts.Count; i++)
        {
            if (accounts[i] is { } account)
            {
                groups[Experiment.IndexOf(account.AccountId ?? string.Empty)].Add(i);
            }
            else
            {
                results[i] = EvaluationFailure.NullAccount(i);
            }
        }

        for (var v = 0; v < groups.Length; v++)
        {
            var indices = groups[v];
            if (indices.Count == 0)
            {
                continue;
            }

            var part = new BorrowerState[indices.Count];
            for (var k = 0; k < part.Length; k++)
            {
                part[k] = accounts[indices[k]];
            }

            var decided = Engines[v].EvaluateBatch(part, now, cancellationToken);
            var name = Experiment.Variants[v].Name;
            results = destination.Span;
            for (var k = 0; k < decided.Length; k++)
            {
                results[indices[k]] = decided[k] with { Variant = name };
            }
        }
    }

    /// <inheritdoc />
    public Decision Evaluate(Person person, Instant now)
    {
        if (person is null)
        {
            return EvaluationFailure.NullAccount();
        }

        var index = Experiment.IndexOf(person.PersonId ?? string.Empty);
        return Engines[index].Evaluate(person, now) with { Variant = Experiment.Variants[index].Name };
    }

    /// <inheritdoc />
    /// <remarks>Each person with the engine of the person's variant, in input order.</remarks>
    public void EvaluateBatch(IReadOnlyList<Person> persons, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(persons);
        CadenceEngineExtensions.EnsureRoom(destination, persons.Count);
        for (var i = 0; i < persons.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            destination.Span[i] = persons[i] is { } person ? Evaluate(person, now) : EvaluationFailure.NullAccount(i);
        }
    }

    /// <inheritdoc />
    public ContactCheck Check(Person person, ProposedContact contact, Instant now)
    {
        Guard.NotNull(person);
        return Engines[Experiment.IndexOf(person.PersonId ?? string.Empty)].Check(person, contact, now);
    }
}
