using System.Collections.Concurrent;
using Cadence.CustomRules;
using Cadence.Evaluation.Blocks;
using Cadence.Explanations;
using NRules;
using NRules.RuleModel;

namespace Cadence.Evaluation.Evaluators;

/// <summary>
/// Evaluates a policy as NRules rules: the policy's rule model (<see cref="PolicyRuleModel"/>, built only here) and the
/// lender's custom rules are compiled once into a session factory; each account's facts are inserted into a pooled
/// session, forward chaining proposes and blocks candidates, and what it produced is fed to the shared choice in
/// declaration order. Owns its session factory, its sessions and the mapping of NRules' exceptions to error decisions.
/// </summary>
internal sealed class NRulesEvaluator : IEvaluator
{
    private readonly CompiledPolicy compiled;
    private readonly ISessionFactory factory;
    private readonly ConcurrentBag<ISession> sessions = [];

    public NRulesEvaluator(CompiledPolicy compiled)
    {
        this.compiled = compiled;
        var guards = CandidateGuard.For(compiled);
        Rules = PolicyRuleModel.Build(compiled, guards);
        factory = new RuleCompiler().Compile(Rules);
        var policy = compiled.Policy;
        Description = $"NRules evaluator for policy '{policy.Name}': {Rules.Count} rules ({policy.Steps.Length} step rules, {guards.Length} guard rules, {policy.CustomRules.Length} custom rules)";
    }

    public string Description { get; }

    /// <summary>The rule definitions compiled, in order.</summary>
    public IReadOnlyList<IRuleDefinition> Rules { get; }

    public Decision Decide(EvaluationWorkspace workspace, AccountFacts facts, bool explain)
    {
        var chooser = workspace.Chooser;
        if (facts.DayFromDue is null)
        {
            // Nothing owed: no rule may propose anything.
            chooser.Begin(facts, explain);
            return chooser.Finish();
        }

        var session = sessions.TryTake(out var pooled) ? pooled : factory.CreateSession();
        var decision = DecideIn(session, chooser, facts, explain, out var reusable);
        if (reusable)
        {
            sessions.Add(session);
        }

        return decision;
    }

    /// <summary>Decides in <paramref name="session"/>; <paramref name="reusable"/> says whether it is clean for the next account.</summary>
    internal Decision DecideIn(ISession session, Choice.Chooser chooser, AccountFacts facts, bool explain, out bool reusable)
    {
        reusable = false;
        List<Candidate> candidates;
        List<CandidateBlock> blocks;
        try
        {
            session.Insert(facts);
            session.Fire();
            candidates = session.Query<Candidate>().ToList();
            blocks = session.Query<CandidateBlock>().ToList();
            session.RetractAll(session.Query<object>().ToList());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fail closed: the session may hold half an account, so it is dropped; this account is an error.
            return ex is RuleExecutionException
                ? EvaluationFailure.RuleFailed(facts.AccountId, (ex as RuleRhsExpressionEvaluationException)?.RuleName, ex.InnerException?.Message ?? ex.Message)
                : EvaluationFailure.Failed(facts.AccountId, ex.Message);
        }

        reusable = true;
        try
        {
            return Feed(chooser, facts, candidates, blocks, explain);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return EvaluationFailure.Failed(facts.AccountId, ex.Message);
        }
    }

    /// <summary>
    /// Feeds the candidates — one per step, the policy's own proposal first when a custom rule proposed it too — with
    /// their blocks, in declaration order.
    /// </summary>
    private Decision Feed(Choice.Chooser chooser, AccountFacts facts, List<Candidate> proposed, List<CandidateBlock> blocks, bool explain)
    {
        var candidates = proposed
            .GroupBy(c => c.StepIndex)
            .Select(g => g.OrderBy(c => c.IsProposedByPolicy ? 0 : 1).ThenBy(c => c.ProposedBy, StringComparer.Ordinal).First())
            .OrderBy(c => c.StepIndex);
        var blocksByStep = blocks.ToLookup(b => b.Candidate.StepIndex);

        chooser.Begin(facts, explain);
        foreach (var candidate in candidates)
        {
            chooser.BeginCandidate(candidate.StepIndex, candidate.ProposedBy, candidate.StepWindowEnd);
            foreach (var block in blocksByStep[candidate.StepIndex].OrderBy(b => b.RuleName, StringComparer.Ordinal))
            {
                chooser.Block(block.RuleName, block.Reason, block.Until, compiled.Names.HoldRuleIndex(block.RuleName));
            }

            // A custom rule may propose a step already served its maximum number of times.
            if (facts.StepAttempts[candidate.StepIndex] >= candidate.Step.EffectiveMaxAttempts)
            {
                chooser.Block(compiled.Names.Steps[candidate.StepIndex], ReasonCode.MaxAttemptsReached, null);
            }

            chooser.EndCandidate();
        }

        return chooser.Finish();
    }
}
