namespace Cadence.Evaluation;

/// <summary>
/// Evaluates a policy without a rules session: the same step checks and guards as the NRules rules
/// (<see cref="PolicyPlan"/>), looped over in declaration order, then the same decision code.
/// </summary>
internal static class CompiledEvaluator
{
    public static Decision Decide(AccountFacts facts, bool explain)
    {
        var policy = facts.Policy;
        var plan = policy.Plan;
        List<Candidate>? candidates = null;
        List<CandidateBlock>? blocks = null;
        try
        {
            for (var i = 0; i < policy.Steps.Length; i++)
            {
                var step = policy.Steps[i];
                if (!PolicyPlan.IsDue(facts, step))
                {
                    continue;
                }

                var candidate = new Candidate(step, plan.StepRuleNames[i], facts.StepWindowEnd(step));
                (candidates ??= []).Add(candidate);
                foreach (var guard in plan.Guards)
                {
                    if (guard.Blocks(facts, step))
                    {
                        (blocks ??= []).Add(new CandidateBlock(candidate, guard.Name, guard.Reason, guard.Until(facts)));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A step condition (e.g. a custom predicate) threw: reported as a rule condition failing, as on NRules.
            throw new RuleConditionException(ex);
        }

        return DecisionMaker.Decide(facts, candidates ?? [], blocks ?? [], explain);
    }
}

/// <summary>A rule's condition threw while the compiled evaluator evaluated it.</summary>
internal sealed class RuleConditionException(Exception inner) : Exception(inner.Message, inner);
