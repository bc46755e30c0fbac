namespace Cadence.Evaluation;

/// <summary>
/// Evaluates a policy without a rules session: the same step checks and guards as the NRules rules
/// (<see cref="PolicyPlan"/>), looped over in declaration order and fed straight to the shared
/// <see cref="DecisionBuilder"/>. Allocates almost nothing per account when explanations are off.
/// </summary>
internal static class CompiledEvaluator
{
    public static Decision Decide(DecisionBuilder builder, AccountFacts facts, bool explain)
    {
        var policy = facts.Policy;
        var plan = policy.Plan;
        builder.Begin(facts, explain);
        for (var i = 0; i < policy.Steps.Length; i++)
        {
            var step = policy.Steps[i];
            if (!Holds(facts, step, i, null))
            {
                continue;
            }

            builder.BeginCandidate(step, i, plan.StepRuleNames[i], facts.StepWindowEnd(step));
            foreach (var guard in plan.Guards)
            {
                if (Holds(facts, step, i, guard))
                {
                    builder.Block(guard.Name, guard.Reason, guard.Until(facts));
                }
            }

            builder.EndCandidate();
        }

        return builder.Finish();
    }

    /// <summary>
    /// Whether the step is due (no guard) or the guard blocks it. A condition that throws (a custom predicate) is
    /// reported as a rule condition failing, as on NRules.
    /// </summary>
    private static bool Holds(AccountFacts facts, CadenceStep step, int stepIndex, CandidateGuard? guard)
    {
        try
        {
            return guard is null ? PolicyPlan.IsDue(facts, step, stepIndex) : guard.Blocks(facts, step, stepIndex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new RuleConditionException(ex);
        }
    }
}

/// <summary>A rule's condition threw while the compiled evaluator evaluated it.</summary>
internal sealed class RuleConditionException(Exception inner) : Exception(inner.Message, inner);
