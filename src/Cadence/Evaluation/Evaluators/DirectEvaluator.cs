using System.Collections.Immutable;
using Cadence.CustomRules;
using Cadence.Evaluation.Blocks;
using Cadence.Evaluation.Candidates;

namespace Cadence.Evaluation.Evaluators;

/// <summary>
/// Evaluates a policy without a rules session: the steps that are due (<see cref="StepTiming.IsDue"/>) and the guards
/// that block them, looped over in declaration order and fed straight to the shared choice. Allocates nothing per
/// account when explanations are off. Cannot run custom NRules rules.
/// </summary>
internal sealed class DirectEvaluator(CompiledPolicy compiled) : IEvaluator
{
    private readonly ImmutableArray<CandidateGuard> guards = CandidateGuard.For(compiled);

    public string Description => $"Compiled evaluator for policy '{compiled.Policy.Name}': {compiled.Steps.Length} steps, {guards.Length} guards";

    public Decision Decide(EvaluationWorkspace workspace, AccountFacts facts, bool explain)
    {
        try
        {
            return Run(workspace.Chooser, facts, explain);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return EvaluationFailure.Failed(facts.AccountId, ex.Message);
        }
    }

    private Decision Run(Choice.Chooser chooser, AccountFacts facts, bool explain)
    {
        chooser.Begin(facts, explain);
        var steps = compiled.Steps;
        for (var i = 0; i < steps.Length; i++)
        {
            try
            {
                if (!StepTiming.IsDue(facts, steps[i], i))
                {
                    continue;
                }

                chooser.BeginCandidate(i, compiled.Names.Steps[i], StepTiming.Closes(facts, steps[i]));
                foreach (var guard in guards)
                {
                    if (guard.Blocks(facts, steps[i], i))
                    {
                        chooser.Block(guard.Name, guard.Reason, guard.Until(facts), guard.HoldRule);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A step's condition or a guard threw — a rule condition on NRules: the account is an error, never a contact.
                return EvaluationFailure.RuleFailed(facts.AccountId, null, ex.Message);
            }

            chooser.EndCandidate();
        }

        return chooser.Finish();
    }
}
