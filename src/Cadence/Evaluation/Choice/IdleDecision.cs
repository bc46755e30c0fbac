using Cadence.CustomRules;
using Cadence.Evaluation.Blocks;
using Cadence.Evaluation.Candidates;
using Cadence.Explanations;
using NodaTime;

namespace Cadence.Evaluation.Choice;

/// <summary>
/// The decision when no candidate could be placed: <see cref="DecisionKind.None"/> when nothing is owed or nothing
/// will be due, <see cref="DecisionKind.Suppressed"/> when holds block every step and no free step opens before they
/// lapse, otherwise <see cref="DecisionKind.Wait"/> until the next thing that could change the answer.
/// </summary>
internal static class IdleDecision
{
    public static (DecisionKind Kind, Instant? ReviewAt, HoldKind? SuppressedBy) Decide(CompiledPolicy compiled, AccountFacts facts, in BlockSummary blocks, bool beyondHorizon, List<ExplanationReason>? why)
    {
        var policy = compiled.Policy;
        if (facts.DayFromDue is not { } day)
        {
            why?.Add(new ExplanationReason(RuleNames.Account, ReasonCode.NothingOwed));
            return (DecisionKind.None, null, null);
        }

        // The next step that opens later and no hold in effect blocks.
        var review = new Earliest(facts.Now);
        var nextFree = -1;
        Instant nextFreeOpens = default;
        var anyStepLeft = false;
        for (var i = 0; i < policy.Steps.Length; i++)
        {
            var s = policy.Steps[i];
            var left = facts.StepAttempts[i] < s.EffectiveMaxAttempts;
            anyStepLeft |= left && !StepTiming.HasEnded(s, day);
            if (!left || s.FromDay <= day)
            {
                continue;
            }

            var opens = StepTiming.Opens(facts, s);
            review.Consider(opens, compiled.Names.Steps[i]);
            if (!HoldBlocking.BlocksNow(compiled, facts, i) && (nextFree < 0 || opens < nextFreeOpens))
            {
                nextFree = i;
                nextFreeOpens = opens;
            }
        }

        // A hold that blocks every candidate (or, with none, every step) suppresses the account, unless a step it does
        // not block opens before it lapses.
        HoldKind? suppressedBy = null;
        string? suppressing = null;
        Instant? until = null;
        if (blocks.Candidates > 0 && blocks.AllHeld)
        {
            suppressing = blocks.SuppressingRule;
            suppressedBy = blocks.SuppressingKind;
            until = blocks.SuppressedForever ? null : blocks.SuppressedUntil;
        }
        else if (blocks.Candidates == 0)
        {
            for (var r = 0; r < policy.HoldRules.Length; r++)
            {
                var rule = policy.HoldRules[r];
                if (rule.BlocksAllSteps && rule.ExceptSteps.IsEmpty && HoldBlocking.IsInEffect(compiled, facts, r, facts.Now))
                {
                    suppressedBy = rule.Kind;
                    suppressing = compiled.Names.HoldRules[r];
                    until = HoldBlocking.Lapse(compiled, facts, r);
                    break;
                }
            }
        }

        if (suppressedBy is { } kind)
        {
            why?.Add(new ExplanationReason(suppressing!, ReasonCode.HoldActive, until));
            if (nextFree < 0 || (until is { } lapse && lapse <= nextFreeOpens))
            {
                return (DecisionKind.Suppressed, until, kind);
            }

            why?.Add(new ExplanationReason(compiled.Names.Steps[nextFree], ReasonCode.NoStepDue, nextFreeOpens));
            return (DecisionKind.Wait, nextFreeOpens, null);
        }

        // The next time something could change: a later step opens, a block lapses, a hold starts or ends
        // (conditions may read holds), the horizon moves on.
        if (blocks.ReviewFromBlocks is { } blockLapse)
        {
            review.Consider(blockLapse, blocks.ReviewFromBlocksRule!);
        }

        if (beyondHorizon)
        {
            review.Consider(facts.Now + policy.Horizon, RuleNames.Horizon);
        }

        if (anyStepLeft)
        {
            foreach (var h in facts.AllHolds)
            {
                review.Consider(h.From, h.Kind, why is not null);
                if (h.Until is { } u)
                {
                    review.Consider(u, h.Kind, why is not null);
                }

                for (var r = 0; r < policy.HoldRules.Length; r++)
                {
                    if (policy.HoldRules[r].Kind == h.Kind && HoldBlocking.EffectiveUntil(facts, policy.HoldRules[r], h) is { } lapse)
                    {
                        review.Consider(lapse, compiled.Names.HoldRules[r]);
                    }
                }
            }
        }

        if (review.At is { } at)
        {
            why?.Add(new ExplanationReason(review.Rule!, ReasonCode.NoStepDue, at));
            return (DecisionKind.Wait, at, null);
        }

        why?.Add(new ExplanationReason(RuleNames.Policy, ReasonCode.NoStepDue));
        return (DecisionKind.None, null, null);
    }

    /// <summary>The earliest instant after now something could change, and the rule that says so.</summary>
    private struct Earliest(Instant now)
    {
        public Instant? At { get; private set; }

        public string? Rule { get; private set; }

        public void Consider(Instant at, string rule)
        {
            if (at > now && (At is null || at < At))
            {
                At = at;
                Rule = rule;
            }
        }

        /// <summary>As <see cref="Consider(Instant, string)"/> for a hold of the account; its name is made only when explaining.</summary>
        public void Consider(Instant at, HoldKind kind, bool named)
        {
            if (at > now && (At is null || at < At))
            {
                At = at;
                Rule = named ? RuleNames.HoldKind(kind) : null;
            }
        }
    }
}
