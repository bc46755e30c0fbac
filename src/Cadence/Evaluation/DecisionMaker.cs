namespace Cadence.Evaluation;

/// <summary>
/// Feeds what an NRules session produced — candidates, possibly proposed twice, and blocks — to the shared
/// <see cref="DecisionBuilder"/>, in declaration order.
/// </summary>
internal static class DecisionMaker
{
    public static Decision Decide(DecisionBuilder builder, AccountFacts facts, IEnumerable<Candidate> proposed, IEnumerable<CandidateBlock> blocks, bool explain)
    {
        var policy = facts.Policy;
        var candidates = proposed
            .GroupBy(c => c.StepId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c.ProposedBy.StartsWith("step:", StringComparison.Ordinal) ? 0 : 1).ThenBy(c => c.ProposedBy, StringComparer.Ordinal).First())
            .OrderBy(c => c.StepIndex);
        var blocksByStep = blocks.ToLookup(b => b.Candidate.StepId, StringComparer.Ordinal);

        builder.Begin(facts, explain);
        foreach (var candidate in candidates)
        {
            builder.BeginCandidate(candidate.Step, candidate.StepIndex, candidate.ProposedBy, candidate.StepWindowEnd);
            foreach (var block in blocksByStep[candidate.StepId].OrderBy(b => b.RuleName, StringComparer.Ordinal))
            {
                builder.Block(block.RuleName, block.Reason, block.Until);
            }

            // A custom rule may propose a step already served its maximum number of times.
            if (facts.AttemptsOf(candidate.StepIndex) >= candidate.Step.EffectiveMaxAttempts)
            {
                builder.Block(policy.Plan.StepRuleNames[candidate.StepIndex], ReasonCode.MaxAttemptsReached, null);
            }

            builder.EndCandidate();
        }

        return builder.Finish();
    }
}
