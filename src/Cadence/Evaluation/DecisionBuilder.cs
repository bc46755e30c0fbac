using System.Collections.Immutable;
using Cadence.Time;
using NodaTime;

namespace Cadence.Evaluation;

/// <summary>
/// Turns an account's candidates, fed one at a time in declaration order with their blocks, into its decision: places
/// the unblocked ones in time, keeps the best by the policy's order, or says why nothing is allowed. Shared by every
/// evaluator; reused from account to account, it creates no objects unless explanations are collected.
/// </summary>
internal sealed class DecisionBuilder
{
    private AccountFacts facts = null!;
    private bool explain;

    // The candidate being fed.
    private CadenceStep? step;
    private int stepIndex;
    private string proposedBy = string.Empty;
    private Instant? windowEnd;
    private bool blocked;
    private bool held;
    private Instant? heldUntil;
    private bool heldForever;
    private string? firstHoldRule;
    private List<ExplanationReason>? reasons;

    // Across candidates.
    private int candidates;
    private bool allHeld;
    private string? suppressingRule;
    private Instant? suppressedUntil;
    private bool suppressedForever;
    private Instant? reviewFromBlocks;
    private string? reviewFromBlocksRule;
    private int reviewFromBlocksCandidate;
    private bool beyondHorizon;
    private CadenceStep? best;
    private string bestProposedBy = string.Empty;
    private Instant bestNotBefore;
    private List<(CadenceStep Step, string ProposedBy, Instant NotBefore, List<ExplanationReason>? Trace)>? placed;
    private List<CandidateExplanation>? explained;

    public void Begin(AccountFacts accountFacts, bool withExplanation)
    {
        facts = accountFacts;
        explain = withExplanation;
        candidates = 0;
        allHeld = true;
        suppressingRule = null;
        suppressedUntil = null;
        suppressedForever = true;
        reviewFromBlocks = null;
        reviewFromBlocksRule = null;
        beyondHorizon = false;
        best = null;
        placed = explain ? [] : null;
        explained = explain ? [] : null;
    }

    public void BeginCandidate(CadenceStep candidateStep, int candidateStepIndex, string candidateProposedBy, Instant? candidateWindowEnd)
    {
        step = candidateStep;
        stepIndex = candidateStepIndex;
        proposedBy = candidateProposedBy;
        windowEnd = candidateWindowEnd;
        blocked = false;
        held = false;
        heldUntil = null;
        heldForever = false;
        firstHoldRule = null;
        reasons = explain ? [] : null;
        candidates++;
    }

    public void Block(string ruleName, ReasonCode reason, Instant? until)
    {
        blocked = true;
        reasons?.Add(new ExplanationReason(ruleName, reason, until));
        // The earliest lapse; on a tie the first candidate's, and within it the rule first by name.
        if (until is { } u && u > facts.Now
            && (reviewFromBlocks is null || u < reviewFromBlocks
                || (u == reviewFromBlocks && reviewFromBlocksCandidate == candidates && string.CompareOrdinal(ruleName, reviewFromBlocksRule) < 0)))
        {
            reviewFromBlocks = u;
            reviewFromBlocksRule = ruleName;
            reviewFromBlocksCandidate = candidates;
        }

        if (reason != ReasonCode.HoldActive)
        {
            return;
        }

        if (firstHoldRule is null || string.CompareOrdinal(ruleName, firstHoldRule) < 0)
        {
            firstHoldRule = ruleName;
        }

        held = true;
        if (until is null)
        {
            heldForever = true;
        }
        else if (heldUntil is null || until > heldUntil)
        {
            heldUntil = until;
        }
    }

    public void EndCandidate()
    {
        var current = step!;
        if (blocked)
        {
            if (!held)
            {
                allHeld = false;
            }
            else
            {
                if (suppressingRule is null)
                {
                    suppressingRule = firstHoldRule;
                }

                // A candidate is free once every hold on it lapses; the account once any candidate is free.
                if (!heldForever)
                {
                    suppressedForever = false;
                    if (suppressedUntil is null || heldUntil < suppressedUntil)
                    {
                        suppressedUntil = heldUntil;
                    }
                }
            }

            if (explained is not null)
            {
                reasons!.Sort(static (a, b) => string.CompareOrdinal(a.RuleName, b.RuleName));
                explained.Add(new CandidateExplanation(current.Id, current.Channel, proposedBy, CandidateStatus.Blocked, null, [.. reasons]));
            }

            return;
        }

        allHeld = false;
        var placement = TemporalSolver.Place(facts, current, stepIndex, current.Channel, windowEnd, reasons);
        if (placement.NotBefore is not { } notBefore)
        {
            beyondHorizon |= placement.DropReason == ReasonCode.BeyondHorizon;
            if (explained is not null)
            {
                reasons!.Add(new ExplanationReason(placement.DropRule!, placement.DropReason, placement.DropUntil));
                explained.Add(new CandidateExplanation(current.Id, current.Channel, proposedBy, CandidateStatus.Dropped, null, [.. reasons!]));
            }

            return;
        }

        placed?.Add((current, proposedBy, notBefore, reasons));
        if (best is null || Ranks(current, notBefore, best, bestNotBefore))
        {
            best = current;
            bestProposedBy = proposedBy;
            bestNotBefore = notBefore;
        }
    }

    public Decision Finish()
    {
        var policy = facts.Policy;
        if (best is { } chosen)
        {
            DecisionExplanation? explanation = null;
            if (explained is not null)
            {
                foreach (var p in placed!)
                {
                    var won = ReferenceEquals(p.Step, chosen);
                    var trace = p.Trace!;
                    trace.Add(new ExplanationReason(won ? "selection" : "selection:" + chosen.Id, won ? ReasonCode.Chosen : ReasonCode.Outranked, p.NotBefore));
                    explained.Add(new CandidateExplanation(p.Step.Id, p.Step.Channel, p.ProposedBy, won ? CandidateStatus.Chosen : CandidateStatus.Outranked, p.NotBefore, [.. trace]));
                }

                explanation = new DecisionExplanation(Ordered(explained), []);
            }

            return new Decision(
                chosen.IsEscalation ? DecisionKind.Escalate : DecisionKind.Contact,
                facts.AccountId,
                chosen,
                bestNotBefore,
                null,
                null,
                null,
                explanation,
                limitedContentVoicemail: chosen.Channel == Channel.Call && facts.Policy.LimitedContentVoicemail);
        }

        var why = explain ? new List<ExplanationReason>() : null;
        if (facts.DayFromDue is not { } day)
        {
            why?.Add(new ExplanationReason("account", ReasonCode.NothingOwed));
            return Nothing(DecisionKind.None, null, null, why);
        }

        var due = facts.State.DueDate!.Value;

        // The next step that opens later and no hold in effect blocks.
        CadenceStep? nextFree = null;
        Instant nextFreeOpens = default;
        Instant? review = null;
        string? reviewRule = null;
        var anyStepLeft = false;
        for (var i = 0; i < policy.Steps.Length; i++)
        {
            var s = policy.Steps[i];
            var left = facts.AttemptsOf(i) < s.EffectiveMaxAttempts;
            anyStepLeft |= left && s.ToDay >= day;
            if (!left || s.FromDay <= day)
            {
                continue;
            }

            var opens = LocalTimeResolution.StartOfDay(facts.PrimaryZone, due.PlusDays(s.FromDay));
            Consider(ref review, ref reviewRule, opens, policy.Plan.StepRuleNames[i]);
            if (!HeldNow(s) && (nextFree is null || opens < nextFreeOpens))
            {
                nextFree = s;
                nextFreeOpens = opens;
            }
        }

        // A hold that blocks every candidate (or, with none, every step) suppresses the account, unless a step it does
        // not block opens before it lapses.
        HoldKind? suppressedBy = null;
        string? suppressing = null;
        Instant? until = null;
        if (candidates > 0 && allHeld)
        {
            suppressing = suppressingRule;
            suppressedBy = KindOf(suppressing!);
            until = suppressedForever ? null : suppressedUntil;
        }
        else if (candidates == 0)
        {
            for (var r = 0; r < policy.HoldRules.Length; r++)
            {
                var rule = policy.HoldRules[r];
                if (rule.BlocksAllSteps && rule.ExceptSteps.IsEmpty && HoldPeriods.IsInEffect(facts, rule, facts.Now))
                {
                    suppressedBy = rule.Kind;
                    suppressing = policy.Plan.HoldRuleNames[r];
                    until = HoldPeriods.Lapse(facts, rule);
                    break;
                }
            }
        }

        if (suppressedBy is { } kind)
        {
            why?.Add(new ExplanationReason(suppressing!, ReasonCode.HoldActive, until));
            if (nextFree is null || (until is { } lapse && lapse <= nextFreeOpens))
            {
                return Nothing(DecisionKind.Suppressed, until, kind, why);
            }

            why?.Add(new ExplanationReason("step:" + nextFree.Id, ReasonCode.NoStepDue, nextFreeOpens));
            return Nothing(DecisionKind.Wait, nextFreeOpens, null, why);
        }

        // The next time something could change: a later step opens, a block lapses, a hold starts or ends
        // (conditions may read holds), the horizon moves on.
        if (reviewFromBlocks is { } blockLapse)
        {
            Consider(ref review, ref reviewRule, blockLapse, reviewFromBlocksRule!);
        }

        if (beyondHorizon)
        {
            Consider(ref review, ref reviewRule, facts.Now + policy.Horizon, "horizon");
        }

        if (anyStepLeft)
        {
            foreach (var h in facts.State.Holds)
            {
                Consider(ref review, ref reviewRule, h.From, "hold:", h.Kind.Name);
                if (h.Until is { } u)
                {
                    Consider(ref review, ref reviewRule, u, "hold:", h.Kind.Name);
                }

                for (var r = 0; r < policy.HoldRules.Length; r++)
                {
                    if (policy.HoldRules[r].Kind == h.Kind && HoldPeriods.EffectiveUntil(facts, policy.HoldRules[r], h) is { } lapse)
                    {
                        Consider(ref review, ref reviewRule, lapse, policy.Plan.HoldRuleNames[r]);
                    }
                }
            }
        }

        if (review is { } at)
        {
            why?.Add(new ExplanationReason(reviewRule!, ReasonCode.NoStepDue, at));
            return Nothing(DecisionKind.Wait, at, null, why);
        }

        why?.Add(new ExplanationReason("policy", ReasonCode.NoStepDue));
        return Nothing(DecisionKind.None, null, null, why);
    }

    private Decision Nothing(DecisionKind kind, Instant? reviewAt, HoldKind? suppressedBy, List<ExplanationReason>? why)
        => new(kind, facts.AccountId, null, null, reviewAt, suppressedBy, null, why is null ? null : new DecisionExplanation(Ordered(explained!), [.. why]));

    private ImmutableArray<CandidateExplanation> Ordered(List<CandidateExplanation> list)
    {
        var index = facts.Policy.StepIndex;
        list.Sort((a, b) => index[a.StepId].CompareTo(index[b.StepId]));
        return [.. list];
    }

    /// <summary>Whether a candidate at <paramref name="notBefore"/> ranks above the best so far (ties keep declaration order).</summary>
    private bool Ranks(CadenceStep candidate, Instant notBefore, CadenceStep current, Instant currentNotBefore)
    {
        var byPriority = candidate.Priority.CompareTo(current.Priority);
        var byTime = currentNotBefore.CompareTo(notBefore);
        return facts.Policy.SelectionOrder == SelectionOrder.PriorityThenEarliest
            ? byPriority > 0 || (byPriority == 0 && byTime > 0)
            : byTime > 0 || (byTime == 0 && byPriority > 0);
    }

    private bool HeldNow(CadenceStep s)
    {
        foreach (var rule in facts.Policy.HoldRules)
        {
            if (rule.Blocks(s) && HoldPeriods.IsInEffect(facts, rule, facts.Now))
            {
                return true;
            }
        }

        return false;
    }

    private HoldKind KindOf(string guardName)
    {
        var policy = facts.Policy;
        for (var r = 0; r < policy.HoldRules.Length; r++)
        {
            if (policy.Plan.HoldRuleNames[r] == guardName)
            {
                return policy.HoldRules[r].Kind;
            }
        }

        return new HoldKind(guardName);
    }

    private void Consider(ref Instant? review, ref string? rule, Instant at, string name)
    {
        if (at > facts.Now && (review is null || at < review))
        {
            review = at;
            rule = name;
        }
    }

    /// <summary>As <see cref="Consider(ref Instant?, ref string?, Instant, string)"/>, the name built only when explaining.</summary>
    private void Consider(ref Instant? review, ref string? rule, Instant at, string prefix, string name)
    {
        if (at > facts.Now && (review is null || at < review))
        {
            review = at;
            rule = explain ? prefix + name : null;
        }
    }
}
