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
        var chooser = workspace.Chooser;
        var steps = compiled.Steps;
        var inCondition = false;
        try
        {
            chooser.Begin(facts, explain);
            for (var i = 0; i < steps.Length; i++)
            {
                // A step's conditions and the guards are rule conditions (as on NRules): one that throws fails the rule.
                inCondition = true;
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

                inCondition = false;
                chooser.EndCandidate();
            }

            inCondition = false;
            return chooser.Finish();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fail closed: the account is an error, never a contact.
            return inCondition ? EvaluationFailure.RuleFailed(facts.AccountId, null, ex.Message) : EvaluationFailure.Failed(facts.AccountId, ex.Message);
        }
    }
}
