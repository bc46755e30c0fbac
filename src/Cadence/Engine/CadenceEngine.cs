using System.Collections.Concurrent;
using Cadence.Evaluation;
using Cadence.Evaluation.Evaluators;
using Cadence.Internal;
using NodaTime;
using NRules.RuleModel;

namespace Cadence;

/// <summary>
/// Evaluates a policy for persons (each with one or more accounts) and single accounts. The policy is compiled once (indexes, guards, window tables, rule names), then run
/// on one of two evaluators that give identical decisions (see <see cref="CadenceEvaluator"/>): the compiled evaluator
/// loops over the compiled policy; the NRules evaluator compiles it into an NRules session factory, inserts each
/// person's facts into a pooled session and lets custom rules take part. Both place the survivors in time and choose
/// with the same shared code. An engine only chooses the evaluator, rents a workspace per thread, decides and reports
/// telemetry.
/// </summary>
/// <remarks>Thread-safe: one engine serves any number of threads.</remarks>
public sealed class CadenceEngine : ICadenceEngine
{
    private readonly CompiledPolicy compiled;
    private readonly IEvaluator evaluator;
    private readonly ConcurrentBag<EvaluationWorkspace> workspaces = [];
    private readonly CadenceEngineOptions options;
    private readonly EngineTelemetry telemetry;
    private readonly ContactChecker checker;
    private readonly Func<EvaluationWorkspace, BorrowerState, Instant, bool, Decision> decideAccount;
    private readonly Func<EvaluationWorkspace, Person, Instant, bool, Decision> decidePerson;

    /// <summary>Compiles <paramref name="policy"/> for the evaluator the options choose.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="options">Evaluation options; defaults when <see langword="null"/>.</param>
    /// <param name="clock">The clock <see cref="CadenceEngineExtensions.EvaluateNow(ICadenceEngine, BorrowerState)"/> reads; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The compiled evaluator was asked for a policy with custom NRules rules.</exception>
    public CadenceEngine(CadencePolicy policy, CadenceEngineOptions? options = null, IClock? clock = null)
    {
        Policy = Guard.NotNull(policy);
        this.options = (options ?? new CadenceEngineOptions()).Snapshot();
        Clock = clock;
        Evaluator = this.options.Evaluator switch
        {
            CadenceEvaluator.Auto => policy.CustomRules.IsEmpty ? CadenceEvaluator.Compiled : CadenceEvaluator.NRules,
            CadenceEvaluator.Compiled when !policy.CustomRules.IsEmpty => throw new ArgumentException(
                $"Policy '{policy.Name}' has {policy.CustomRules.Length} custom NRules rules, which only the NRules evaluator runs.", nameof(options)),
            CadenceEvaluator.Compiled or CadenceEvaluator.NRules => this.options.Evaluator,
            _ => throw new ArgumentOutOfRangeException(nameof(options), this.options.Evaluator, "Not a known evaluator."),
        };
        compiled = new CompiledPolicy(policy);
        checker = new ContactChecker(compiled);
        decideAccount = Decide;
        decidePerson = Decide;
        evaluator = Evaluator == CadenceEvaluator.NRules ? new NRulesEvaluator(compiled) : new DirectEvaluator(compiled);
        Description = evaluator.Description
            + (this.options.Evaluator == CadenceEvaluator.Auto && Evaluator == CadenceEvaluator.Compiled ? " (chosen because the policy has no custom NRules rules)" : string.Empty);
        telemetry = new EngineTelemetry(policy.Name, Evaluator.ToString(), this.options.MeterFactory, this.options.LoggerFactory);
        telemetry.Started(Description);
    }

    /// <inheritdoc />
    public CadencePolicy Policy { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IClock? Clock { get; }

    /// <summary>The evaluator this engine runs (never <see cref="CadenceEvaluator.Auto"/>).</summary>
    public CadenceEvaluator Evaluator { get; }

    /// <summary>The NRules rule definitions of the NRules evaluator, in order; <see langword="null"/> on the compiled evaluator.</summary>
    internal IReadOnlyList<IRuleDefinition>? Rules => (evaluator as NRulesEvaluator)?.Rules;

    /// <inheritdoc />
    public Decision Evaluate(BorrowerState account, Instant now) => EvaluateOne(account, now, decideAccount);

    /// <inheritdoc />
    public Decision Evaluate(Person person, Instant now) => EvaluateOne(person, now, decidePerson);

    /// <inheritdoc />
    public void EvaluateBatch(IReadOnlyList<BorrowerState> accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
        => EvaluateMany(accounts, destination, now, decideAccount, cancellationToken);

    /// <inheritdoc />
    public void EvaluateBatch(IReadOnlyList<Person> persons, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
        => EvaluateMany(persons, destination, now, decidePerson, cancellationToken);

    /// <inheritdoc />
    public ContactCheck Check(Person person, ProposedContact contact, Instant now)
    {
        Guard.NotNull(person);
        Guard.NotNull(contact);
        var workspace = Rent();
        try
        {
            if (!TryDerive(workspace, person, now, out var error))
            {
                return ContactCheck.Invalid(error!);
            }

            return checker.Check(workspace.Facts, contact);
        }
        finally
        {
            Return(workspace);
        }
    }

    private Decision EvaluateOne<T>(T item, Instant now, Func<EvaluationWorkspace, T, Instant, bool, Decision> decide)
    {
        var started = telemetry.Start();
        var workspace = Rent();
        var result = decide(workspace, item, now, options.IncludeExplanations);
        Return(workspace);
        telemetry.Evaluated(result, started);
        return result;
    }

    private void EvaluateMany<T>(IReadOnlyList<T> items, Memory<Decision> destination, Instant now, Func<EvaluationWorkspace, T, Instant, bool, Decision> decide, CancellationToken cancellationToken)
    {
        Guard.NotNull(items);
        var count = items.Count;
        CadenceEngineExtensions.EnsureRoom(destination, count);

        var degree = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        var partitions = Math.Max(1, Math.Min(degree, count / Math.Max(1, options.MinimumPartitionSize)));
        var size = (count + partitions - 1) / partitions;
        var activity = telemetry.StartBatch(count);
        var started = telemetry.Start();
        var tallies = telemetry.Tallying ? new ConcurrentBag<EngineTelemetry.Tally>() : null;
        try
        {
            if (partitions == 1)
            {
                EvaluateRange(items, destination, now, 0, count, decide, tallies, cancellationToken);
            }
            else
            {
                Parallel.For(
                    0,
                    partitions,
                    new ParallelOptions { MaxDegreeOfParallelism = partitions, CancellationToken = cancellationToken },
                    p => EvaluateRange(items, destination, now, p * size, Math.Min(count, (p + 1) * size), decide, tallies, cancellationToken));
            }
        }
        catch
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "the batch was cancelled or failed");
            activity?.Dispose();
            throw;
        }

        telemetry.BatchEnded(activity, count, started, tallies);
    }

    private void EvaluateRange<T>(IReadOnlyList<T> items, Memory<Decision> destination, Instant now, int from, int to, Func<EvaluationWorkspace, T, Instant, bool, Decision> decide, ConcurrentBag<EngineTelemetry.Tally>? tallies, CancellationToken cancellationToken)
    {
        var workspace = Rent();
        var tally = tallies is null ? null : new EngineTelemetry.Tally();
        var results = destination.Span;
        for (var i = from; i < to; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            results[i] = items[i] is { } item
                ? decide(workspace, item, now, options.IncludeExplanationsInBatches)
                : EvaluationFailure.NullAccount(i);
            tally?.Add(results[i]);
        }

        Return(workspace);
        if (tally is not null)
        {
            tallies!.Add(tally);
        }
    }

    /// <summary>The pipeline for one account: its facts (an invalid account stops here), then the evaluator.</summary>
    private Decision Decide(EvaluationWorkspace workspace, BorrowerState account, Instant now, bool explain)
    {
        if (account is null)
        {
            return EvaluationFailure.NullAccount();
        }

        bool valid;
        string? error;
        try
        {
            valid = workspace.Deriver.TryDerive(workspace.Facts, account, now, out error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // e.g. an instant so far out that its local date cannot be computed, or a zone provider that throws
            valid = false;
            error = $"account '{account.AccountId}': {ex.Message}";
        }

        return valid ? evaluator.Decide(workspace, workspace.Facts, explain) : EvaluationFailure.InvalidAccount(account.AccountId, error!);
    }

    /// <summary>The pipeline for one person: their facts (an invalid person stops here), then the evaluator.</summary>
    private Decision Decide(EvaluationWorkspace workspace, Person person, Instant now, bool explain)
    {
        if (person is null)
        {
            return EvaluationFailure.NullAccount();
        }

        return TryDerive(workspace, person, now, out var error)
            ? evaluator.Decide(workspace, workspace.Facts, explain)
            : EvaluationFailure.InvalidAccount(person.PersonId, error!) with { AboutPerson = true };
    }

    private static bool TryDerive(EvaluationWorkspace workspace, Person person, Instant now, out string? error)
    {
        try
        {
            return workspace.Deriver.TryDerive(workspace.Facts, person, now, out error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = $"person '{person.PersonId}': {ex.Message}";
            return false;
        }
    }

    private EvaluationWorkspace Rent() => workspaces.TryTake(out var workspace) ? workspace : new EvaluationWorkspace(compiled);

    /// <summary>Puts a workspace back in the pool, holding no borrower's data.</summary>
    private void Return(EvaluationWorkspace workspace)
    {
        workspace.Forget();
        workspaces.Add(workspace);
    }
}
