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
        Description = $"NRules evaluator for policy '{policy.Name}': {Rules.Count} rules ({policy.Steps.Length} step rules, 1 pairing rule, {guards.Length} guard rules, {policy.CustomRules.Length} custom rules)";
    }

    public string Description { get; }

    /// <summary>The rule definitions compiled, in order.</summary>
    public IReadOnlyList<IRuleDefinition> Rules { get; }

    public Decision Decide(EvaluationWorkspace workspace, PersonFacts person, bool explain)
    {
        var chooser = workspace.Chooser;
        if (!AnyOwes(person))
        {
            // Nothing owed: no rule may propose anything.
            chooser.Begin(person, explain);
            return chooser.Finish();
        }

        var session = sessions.TryTake(out var pooled) ? pooled : factory.CreateSession();
        var decision = DecideIn(session, chooser, person, explain, out var reusable);
        if (reusable)
        {
            sessions.Add(session);
        }

        return decision;
    }

    /// <summary>Decides in <paramref name="session"/>; <paramref name="reusable"/> says whether it is clean for the next person.</summary>
    internal Decision DecideIn(ISession session, Choice.Chooser chooser, PersonFacts person, bool explain, out bool reusable)
    {
        reusable = false;
        List<Candidate> candidates;
        List<CandidateBlock> blocks;
        try
        {
            session.Insert(person);
            session.InsertAll(person.Accounts);
            session.Fire();
            candidates = session.Query<Candidate>().ToList();
            blocks = session.Query<CandidateBlock>().ToList();
            session.RetractAll(session.Query<object>().ToList());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fail closed: the session may hold half a person, so it is dropped; this person is an error.
            return ex is RuleExecutionException
                ? EvaluationFailure.RuleFailed(person, (ex as RuleRhsExpressionEvaluationException)?.RuleName, ex.InnerException?.Message ?? ex.Message)
                : EvaluationFailure.Failed(person, ex.Message);
        }

        reusable = true;
        try
        {
            return Feed(chooser, person, candidates, blocks, explain);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return EvaluationFailure.Failed(person, ex.Message);
        }
    }

    /// <summary>Where <paramref name="point"/> is among the person's points; -1 for none.</summary>
    private static int Position(System.Collections.Immutable.ImmutableArray<ContactPoint> points, ContactPoint? point)
    {
        for (var i = 0; i < points.Length; i++)
        {
            if (ReferenceEquals(points[i], point))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool AnyOwes(PersonFacts person)
    {
        for (var a = 0; a < person.Accounts.Count; a++)
        {
            if (person.Accounts[a].DayFromDue is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Feeds the candidates — one per account, step and contact point, the policy's own proposal first when a custom
    /// rule proposed it too — with their blocks, in the order of accounts, steps and points the compiled evaluator uses.
    /// A proposal not yet paired with the person's points stands for its pairs, and nothing is fed for an account that
    /// owes nothing.
    /// </summary>
    private Decision Feed(Choice.Chooser chooser, PersonFacts person, List<Candidate> proposed, List<CandidateBlock> blocks, bool explain)
    {
        var points = person.ContactPoints;
        var candidates = proposed
            .Where(c => !c.IsUnpaired && c.Facts.DayFromDue is not null)
            .GroupBy(c => (c.Facts.Index, c.StepIndex, c.ContactPoint))
            .Select(g => g.OrderBy(c => c.IsProposedByPolicy ? 0 : 1).ThenBy(c => c.ProposedBy, StringComparer.Ordinal).First())
            .OrderBy(c => c.Facts.Index).ThenBy(c => c.StepIndex).ThenBy(c => Position(points, c.ContactPoint));
        var blocksOf = blocks.ToLookup(b => (b.Candidate.Facts.Index, b.Candidate.StepIndex, b.Candidate.ContactPoint));

        chooser.Begin(person, explain);
        foreach (var candidate in candidates)
        {
            chooser.BeginCandidate(candidate.Facts, candidate.StepIndex, candidate.ContactPoint, candidate.ProposedBy, candidate.StepWindowEnd);
            foreach (var block in blocksOf[(candidate.Facts.Index, candidate.StepIndex, candidate.ContactPoint)].DistinctBy(b => b.RuleName).OrderBy(b => b.RuleName, StringComparer.Ordinal))
            {
                chooser.Block(block.RuleName, block.Reason, block.Until, compiled.Names.HoldRuleIndex(block.RuleName));
            }

            // A custom rule may propose a step already served its maximum number of times.
            if (candidate.Facts.StepAttempts[candidate.StepIndex] >= candidate.Step.EffectiveMaxAttempts)
            {
                chooser.Block(compiled.Names.Steps[candidate.StepIndex], ReasonCode.MaxAttemptsReached, null);
            }

            chooser.EndCandidate();
        }

        return chooser.Finish();
    }
}
