using System.Collections.Concurrent;
using Cadence.Evaluation;
using Cadence.Internal;
using NodaTime;
using NRules;
using NRules.RuleModel;

namespace Cadence;

/// <summary>
/// Evaluates a policy for accounts, on one of two evaluators that give identical decisions (see
/// <see cref="CadenceEvaluator"/>). The compiled evaluator runs the policy's steps and guards as straight-line code. The
/// NRules evaluator compiles the policy once into an NRules session factory; each account's facts are inserted into a
/// session, the rules propose and block candidates by forward chaining, and custom rules take part. Both place the
/// survivors in time with the same shared time arithmetic. Sessions are pooled; a batch uses one per partition.
/// </summary>
/// <remarks>Thread-safe: one engine serves any number of threads.</remarks>
public sealed class CadenceEngine : ICadenceEngine
{
    private readonly ISessionFactory? sessionFactory;
    private readonly ConcurrentBag<Workspace> workspaces = [];
    private readonly CadenceEngineOptions options;
    private readonly IClock? clock;
    private readonly EngineTelemetry telemetry;

    /// <summary>Compiles <paramref name="policy"/> into NRules rules.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="options">Evaluation options; defaults when <see langword="null"/>.</param>
    /// <param name="clock">The clock <see cref="EvaluateNow"/> reads; none when <see langword="null"/>.</param>
    public CadenceEngine(CadencePolicy policy, CadenceEngineOptions? options = null, IClock? clock = null)
    {
        Policy = Guard.NotNull(policy);
        // A snapshot: changing the options object later does not change a running engine.
        var given = options ?? new CadenceEngineOptions();
        this.options = new CadenceEngineOptions
        {
            IncludeExplanations = given.IncludeExplanations,
            MaxDegreeOfParallelism = given.MaxDegreeOfParallelism,
            MinimumPartitionSize = given.MinimumPartitionSize,
            IncludeExplanationsInBatches = given.IncludeExplanationsInBatches,
            Evaluator = given.Evaluator,
            LoggerFactory = given.LoggerFactory,
            MeterFactory = given.MeterFactory,
        };
        this.clock = clock;
        Evaluator = this.options.Evaluator switch
        {
            CadenceEvaluator.Auto => policy.CustomRules.IsEmpty ? CadenceEvaluator.Compiled : CadenceEvaluator.NRules,
            CadenceEvaluator.Compiled when !policy.CustomRules.IsEmpty => throw new ArgumentException(
                $"Policy '{policy.Name}' has {policy.CustomRules.Length} custom NRules rules, which only the NRules evaluator runs.", nameof(options)),
            CadenceEvaluator.Compiled or CadenceEvaluator.NRules => this.options.Evaluator,
            _ => throw new ArgumentOutOfRangeException(nameof(options), this.options.Evaluator, "Not a known evaluator."),
        };
        Rules = PolicyRules.Build(policy);
        if (Evaluator == CadenceEvaluator.NRules)
        {
            sessionFactory = new RuleCompiler().Compile(Rules);
            Description = $"NRules evaluator for policy '{policy.Name}': {Rules.Count} rules ({policy.Steps.Length} step rules, {policy.Plan.Guards.Length} guard rules, {policy.CustomRules.Length} custom rules)";
        }
        else
        {
            Description = $"Compiled evaluator for policy '{policy.Name}': {policy.Steps.Length} steps, {policy.Plan.Guards.Length} guards{(this.options.Evaluator == CadenceEvaluator.Auto ? " (chosen because the policy has no custom NRules rules)" : string.Empty)}";
        }

        telemetry = new EngineTelemetry(policy.Name, Evaluator.ToString(), this.options.MeterFactory, this.options.LoggerFactory);
        telemetry.Started(Description);
    }

    /// <inheritdoc />
    public CadencePolicy Policy { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The evaluator this engine runs (never <see cref="CadenceEvaluator.Auto"/>).</summary>
    public CadenceEvaluator Evaluator { get; }

    /// <summary>The NRules rule definitions made of the policy, in order (compiled only by the NRules evaluator).</summary>
    public IReadOnlyList<IRuleDefinition> Rules { get; }

    /// <inheritdoc />
    public Decision Evaluate(BorrowerState account, Instant now)
    {
        var started = telemetry.Start();
        var workspace = Rent();
        var result = Evaluate(workspace, account, now, options.IncludeExplanations);
        workspaces.Add(workspace);
        telemetry.Evaluated(result, started);
        return result;
    }

    /// <summary>Decides for one account at the injected clock's current instant.</summary>
    /// <param name="account">The account's state.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="InvalidOperationException">The engine was made without a clock.</exception>
    public Decision EvaluateNow(BorrowerState account)
        => Evaluate(account, EngineDefaults.Now(clock));

    /// <inheritdoc />
    public Decision[] EvaluateBatch(IReadOnlyList<BorrowerState> accounts, Instant now, CancellationToken cancellationToken = default)
        => EngineDefaults.EvaluateBatch(this, accounts, now, cancellationToken);

    /// <inheritdoc />
    public void EvaluateBatch(IReadOnlyList<BorrowerState> accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(accounts);
        Run(accounts.Count, i => accounts[i], destination, now, cancellationToken);
    }

    /// <inheritdoc />
    public void EvaluateBatch(ReadOnlyMemory<BorrowerState> accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
        => Run(accounts.Length, i => accounts.Span[i], destination, now, cancellationToken);

    /// <inheritdoc />
    public void EvaluateBatch(BorrowerState[] accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(accounts);
        Run(accounts.Length, i => accounts[i], destination, now, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Decision> EvaluateStream(IAsyncEnumerable<BorrowerState> accounts, Instant now, int chunkSize = 8192, CancellationToken cancellationToken = default)
        => EngineDefaults.EvaluateStream(this, accounts, now, chunkSize, cancellationToken);

    private void Run(int count, Func<int, BorrowerState?> account, Memory<Decision> destination, Instant now, CancellationToken cancellationToken)
    {
        EngineDefaults.EnsureRoom(destination, count);

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
                EvaluateRange(account, destination, now, 0, count, tallies, cancellationToken);
            }
            else
            {
                Parallel.For(
                    0,
                    partitions,
                    new ParallelOptions { MaxDegreeOfParallelism = partitions, CancellationToken = cancellationToken },
                    p => EvaluateRange(account, destination, now, p * size, Math.Min(count, (p + 1) * size), tallies, cancellationToken));
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

    private void EvaluateRange(Func<int, BorrowerState?> accounts, Memory<Decision> destination, Instant now, int from, int to, ConcurrentBag<EngineTelemetry.Tally>? tallies, CancellationToken cancellationToken)
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

            results[i] = accounts(i) is { } account
                ? Evaluate(workspace, account, now, options.IncludeExplanationsInBatches)
                : Decision.Failed($"accounts[{i}]", ReasonCode.InvalidAccount, $"accounts[{i}] is null");
            tally?.Add(results[i]);
        }

        workspaces.Add(workspace);
        if (tally is not null)
        {
            tallies!.Add(tally);
        }
    }

    private Decision Evaluate(Workspace workspace, BorrowerState account, Instant now, bool explain)
    {
        if (account is null)
        {
            return Decision.Failed(string.Empty, ReasonCode.InvalidAccount, "the account is null");
        }

        var facts = workspace.Facts;
        bool valid;
        string? error;
        try
        {
            valid = facts.TryReset(account, now, out error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // e.g. an instant so far out that its local date cannot be computed, or a zone provider that throws
            valid = false;
            error = $"account '{account.AccountId}': {ex.Message}";
        }

        if (!valid)
        {
            return Decision.Failed(account.AccountId, ReasonCode.InvalidAccount, error!);
        }

        try
        {
            if (sessionFactory is null)
            {
                return CompiledEvaluator.Decide(workspace.Builder, facts, explain);
            }

            var session = workspace.Session ??= sessionFactory.CreateSession();
            session.Insert(facts);
            session.Fire();
            var candidates = session.Query<Candidate>().ToList();
            var blocks = session.Query<CandidateBlock>().ToList();
            session.RetractAll(session.Query<object>().ToList());
            return DecisionMaker.Decide(workspace.Builder, facts, candidates, blocks, explain);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fail closed: the session may hold half an account, so it is dropped; this account is an error, the
            // batch goes on.
            workspace.Session = null;
            var rule = (ex as RuleRhsExpressionEvaluationException)?.RuleName;
            var ruleFailed = ex is RuleExecutionException or RuleConditionException;
            var code = ruleFailed ? ReasonCode.RuleFailed : ReasonCode.EvaluationFailed;
            var cause = ruleFailed && ex.InnerException is { } inner ? inner.Message : ex.Message;
            var where = rule is not null ? $"rule '{rule}' failed" : code == ReasonCode.RuleFailed ? "a rule condition failed" : "evaluation failed";
            return new Decision(DecisionKind.Error, account.AccountId, null, null, null, null, new DecisionError(code, $"account '{account.AccountId}': {where}: {cause}", rule), null);
        }
    }

    private Workspace Rent() => workspaces.TryTake(out var workspace) ? workspace : new Workspace(Policy);

    /// <summary>What one thread evaluates with, reused from account to account: facts, decision builder, rules session.</summary>
    private sealed class Workspace(CadencePolicy policy)
    {
        public AccountFacts Facts { get; } = new(policy);

        public DecisionBuilder Builder { get; } = new();

        public ISession? Session { get; set; }
    }
}
