using System.Collections.Immutable;
using Cadence.Time;
using NodaTime;

namespace Cadence.Evaluation;

/// <summary>
/// Turns an account's candidates and blocks into its decision: places the unblocked candidates in time, chooses one by
/// the policy's order, or says why nothing is allowed. Shared by every evaluator.
/// </summary>
internal static class DecisionMaker
{
    public static Decision Decide(AccountFacts facts, IEnumerable<Candidate> proposed, IEnumerable<CandidateBlock> blocks, bool explain)
    {
        var policy = facts.Policy;
        var candidates = proposed
            .GroupBy(c => c.StepId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c.ProposedBy.StartsWith("step:", StringComparison.Ordinal) ? 0 : 1).ThenBy(c => c.ProposedBy, StringComparer.Ordinal).First())
            .OrderBy(c => policy.StepIndex[c.StepId])
            .ToList();
        var blocksByStep = blocks
            .Concat(candidates.Where(c => facts.AttemptsOf(c.Step) >= c.Step.EffectiveMaxAttempts)
                .Select(c => new CandidateBlock(c, "step:" + c.StepId, ReasonCode.MaxAttemptsReached)))
            .GroupBy(b => b.Candidate.StepId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(b => b.RuleName, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        var placed = new List<(Candidate Candidate, Instant NotBefore, List<ExplanationReason>? Trace)>();
        var explained = explain ? new List<CandidateExplanation>() : null;
        var rejected = new List<(Candidate Candidate, List<CandidateBlock>? Blocks, Placement? Placement)>();

        foreach (var candidate in candidates)
        {
            if (blocksByStep.TryGetValue(candidate.StepId, out var stepBlocks) && stepBlocks.Count > 0)
            {
                rejected.Add((candidate, stepBlocks, null));
                explained?.Add(new CandidateExplanation(candidate.StepId, candidate.Channel, candidate.ProposedBy, CandidateStatus.Blocked, null, [.. stepBlocks.Select(b => new ExplanationReason(b.RuleName, b.Reason, b.Until))]));
                continue;
            }

            var trace = explain ? new List<ExplanationReason>() : null;
            var placement = TemporalSolver.Place(facts, candidate.Step, candidate.Channel, candidate.StepWindowEnd, trace);
            if (placement.NotBefore is { } notBefore)
            {
                placed.Add((candidate, notBefore, trace));
            }
            else
            {
                rejected.Add((candidate, null, placement));
                if (explained is not null)
                {
                    trace!.Add(new ExplanationReason(placement.DropRule!, placement.DropReason, placement.DropUntil));
                    explained.Add(new CandidateExplanation(candidate.StepId, candidate.Channel, candidate.ProposedBy, CandidateStatus.Dropped, null, [.. trace]));
                }
            }
        }

        if (placed.Count > 0)
        {
            var ordered = policy.SelectionOrder == SelectionOrder.PriorityThenEarliest
                ? placed.OrderByDescending(p => p.Candidate.Step.Priority).ThenBy(p => p.NotBefore).ThenBy(p => policy.StepIndex[p.Candidate.StepId])
                : placed.OrderBy(p => p.NotBefore).ThenByDescending(p => p.Candidate.Step.Priority).ThenBy(p => policy.StepIndex[p.Candidate.StepId]);
            var chosen = ordered.First();
            DecisionExplanation? explanation = null;
            if (explained is not null)
            {
                foreach (var p in placed)
                {
                    var won = ReferenceEquals(p.Candidate, chosen.Candidate);
                    var reasons = (p.Trace ?? []).ToList();
                    reasons.Add(new ExplanationReason(won ? "selection" : "selection:" + chosen.Candidate.StepId, won ? ReasonCode.Chosen : ReasonCode.Outranked, p.NotBefore));
                    explained.Add(new CandidateExplanation(p.Candidate.StepId, p.Candidate.Channel, p.Candidate.ProposedBy, won ? CandidateStatus.Chosen : CandidateStatus.Outranked, p.NotBefore, [.. reasons]));
                }

                explanation = new DecisionExplanation([.. explained.OrderBy(e => policy.StepIndex[e.StepId])], []);
            }

            var kind = chosen.Candidate.Step.IsEscalation ? DecisionKind.Escalate : DecisionKind.Contact;
            return new Decision(kind, facts.AccountId, chosen.Candidate.Step, chosen.NotBefore, null, null, null, explanation);
        }

        return NothingAllowed(facts, rejected, explained);
    }

    private static Decision NothingAllowed(AccountFacts facts, List<(Candidate Candidate, List<CandidateBlock>? Blocks, Placement? Placement)> rejected, List<CandidateExplanation>? explained)
    {
        var policy = facts.Policy;
        var reasons = explained is null ? null : new List<ExplanationReason>();
        var candidates = explained is null ? [] : explained.OrderBy(e => policy.StepIndex[e.StepId]).ToImmutableArray();

        if (facts.DayFromDue is not { } day)
        {
            reasons?.Add(new ExplanationReason("account", ReasonCode.NothingOwed));
            return new Decision(DecisionKind.None, facts.AccountId, null, null, null, null, null, Explain(candidates, reasons));
        }

        var due = facts.State.DueDate!.Value;
        bool HeldNow(CadenceStep step) => policy.HoldRules.Any(r => r.Blocks(step) && HoldPeriods.IsInEffect(facts, r, facts.Now));
        Instant StepOpens(CadenceStep step) => LocalTimeResolution.StartOfDay(facts.PrimaryZone, due.PlusDays(step.FromDay));
        var laterSteps = policy.Steps.Where(s => s.FromDay > day && facts.AttemptsOf(s) < s.EffectiveMaxAttempts).ToList();
        var nextFreeStep = laterSteps.Where(s => !HeldNow(s)).OrderBy(StepOpens).ThenBy(s => policy.StepIndex[s.Id]).FirstOrDefault();

        // A hold that blocks every candidate (or, with none, every step) suppresses the account, unless a step it does
        // not block opens before it lapses.
        HoldKind? suppressedBy = null;
        string? suppressingRule = null;
        Instant? suppressedUntil = null;
        if (rejected.Count > 0 && rejected.All(r => r.Blocks?.Any(b => b.Reason == ReasonCode.HoldActive) == true))
        {
            var first = rejected.SelectMany(r => r.Blocks!).First(b => b.Reason == ReasonCode.HoldActive);
            suppressedBy = policy.HoldRules.FirstOrDefault(h => "hold:" + h.Name == first.RuleName)?.Kind ?? new HoldKind(first.RuleName);
            suppressingRule = first.RuleName;
            suppressedUntil = rejected.Select(r => Latest(r.Blocks!.Where(b => b.Reason == ReasonCode.HoldActive).Select(b => b.Until))).Aggregate(Earliest);
        }
        else if (rejected.Count == 0)
        {
            foreach (var rule in policy.HoldRules.Where(h => h.BlocksAllSteps && h.ExceptSteps.IsEmpty))
            {
                if (HoldPeriods.IsInEffect(facts, rule, facts.Now))
                {
                    suppressedBy = rule.Kind;
                    suppressingRule = "hold:" + rule.Name;
                    suppressedUntil = HoldPeriods.Lapse(facts, rule);
                    break;
                }
            }
        }

        if (suppressedBy is { } hold)
        {
            reasons?.Add(new ExplanationReason(suppressingRule!, ReasonCode.HoldActive, suppressedUntil));
            var opens = nextFreeStep is null ? (Instant?)null : StepOpens(nextFreeStep);
            if (opens is null || (suppressedUntil is { } lapse && lapse <= opens))
            {
                return new Decision(DecisionKind.Suppressed, facts.AccountId, null, null, suppressedUntil, hold, null, Explain(candidates, reasons));
            }

            reasons?.Add(new ExplanationReason("step:" + nextFreeStep!.Id, ReasonCode.NoStepDue, opens));
            return new Decision(DecisionKind.Wait, facts.AccountId, null, null, opens, null, null, Explain(candidates, reasons));
        }

        // The next time something could change: a later step's window opens, a block lapses, a hold starts or ends
        // (conditions may read holds), the horizon moves on.
        Instant? review = null;
        string? reviewRule = null;
        foreach (var step in laterSteps)
        {
            Consider(StepOpens(step), "step:" + step.Id);
        }

        foreach (var (_, blocks, placement) in rejected)
        {
            foreach (var b in blocks ?? [])
            {
                if (b.Until is { } until)
                {
                    Consider(until, b.RuleName);
                }
            }

            if (placement is { DropReason: ReasonCode.BeyondHorizon })
            {
                Consider(facts.Now + policy.Horizon, "horizon");
            }
        }

        if (policy.Steps.Any(s => s.ToDay >= day && facts.AttemptsOf(s) < s.EffectiveMaxAttempts))
        {
            foreach (var h in facts.State.Holds)
            {
                Consider(h.From, "hold:" + h.Kind);
                if (h.Until is { } until)
                {
                    Consider(until, "hold:" + h.Kind);
                }

                foreach (var rule in policy.HoldRules.Where(r => r.Kind == h.Kind))
                {
                    if (HoldPeriods.EffectiveUntil(facts, rule, h) is { } lapse)
                    {
                        Consider(lapse, "hold:" + rule.Name);
                    }
                }
            }
        }

        if (review is { } at)
        {
            reasons?.Add(new ExplanationReason(reviewRule!, ReasonCode.NoStepDue, at));
            return new Decision(DecisionKind.Wait, facts.AccountId, null, null, at, null, null, Explain(candidates, reasons));
        }

        reasons?.Add(new ExplanationReason("policy", ReasonCode.NoStepDue));
        return new Decision(DecisionKind.None, facts.AccountId, null, null, null, null, null, Explain(candidates, reasons));

        void Consider(Instant at, string rule)
        {
            if (at > facts.Now && (review is null || at < review))
            {
                review = at;
                reviewRule = rule;
            }
        }
    }

    private static DecisionExplanation? Explain(ImmutableArray<CandidateExplanation> candidates, List<ExplanationReason>? reasons)
        => reasons is null ? null : new DecisionExplanation(candidates, [.. reasons]);

    private static Instant? Latest(IEnumerable<Instant?> values)
    {
        Instant? latest = null;
        foreach (var v in values)
        {
            if (v is null)
            {
                return null;
            }

            latest = latest is { } l && l > v.Value ? l : v;
        }

        return latest;
    }

    private static Instant? Earliest(Instant? a, Instant? b) => a is null ? b : b is null ? a : (a < b ? a : b);
}
