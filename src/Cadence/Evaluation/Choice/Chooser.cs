using Cadence.CustomRules;
using Cadence.Evaluation.Placement;
using Cadence.Explanations;
using NodaTime;

namespace Cadence.Evaluation.Choice;

/// <summary>
/// The last stages for one account: candidates, fed one at a time in declaration order with their blocks, are placed
/// in time when unblocked (<see cref="TemporalSolver"/>), the best is kept by the policy's order (<see cref="Selection"/>),
/// and without one the account waits, is suppressed or has nothing due (<see cref="IdleDecision"/>). Shared by both
/// evaluators; reused from account to account, it creates no objects unless explanations are collected.
/// </summary>
internal sealed class Chooser(CompiledPolicy compiled)
{
    private readonly ExplanationRecorder recorder = new();
    private AccountFacts facts = null!;
    private bool explain;
    private BlockSummary blocks;
    private bool beyondHorizon;

    // The candidate being fed.
    private int step;
    private string proposedBy = string.Empty;
    private Instant? windowEnd;
    private bool blocked;
    private List<ExplanationReason>? reasons;

    // The best so far.
    private int best;
    private Instant bestNotBefore;

    public void Begin(AccountFacts accountFacts, bool withExplanation)
    {
        facts = accountFacts;
        explain = withExplanation;
        blocks.Reset();
        beyondHorizon = false;
        best = -1;
        if (explain)
        {
            recorder.Clear();
        }
    }

    /// <summary>Starts a candidate: the step at <paramref name="stepIndex"/>, proposed by a rule.</summary>
    public void BeginCandidate(int stepIndex, string candidateProposedBy, Instant? candidateWindowEnd)
    {
        step = stepIndex;
        proposedBy = candidateProposedBy;
        windowEnd = candidateWindowEnd;
        blocked = false;
        reasons = explain ? [] : null;
        blocks.BeginCandidate();
    }

    /// <summary>Blocks the current candidate; <paramref name="holdRule"/> is the policy's hold rule applied, or -1.</summary>
    public void Block(string ruleName, ReasonCode reason, Instant? until, int holdRule = -1)
    {
        blocked = true;
        reasons?.Add(new ExplanationReason(ruleName, reason, until));
        var kind = reason != ReasonCode.HoldActive ? default : holdRule >= 0 ? compiled.Policy.HoldRules[holdRule].Kind : new HoldKind(ruleName);
        blocks.Block(facts.Now, ruleName, reason, until, kind);
    }

    public void EndCandidate()
    {
        if (blocked)
        {
            blocks.Blocked();
            if (reasons is not null)
            {
                reasons.Sort(static (a, b) => string.CompareOrdinal(a.RuleName, b.RuleName));
                recorder.Rejected(compiled, step, proposedBy, CandidateStatus.Blocked, reasons);
            }

            return;
        }

        blocks.Free();
        var placement = TemporalSolver.Place(compiled, facts, step, windowEnd, reasons);
        if (placement.NotBefore is not { } notBefore)
        {
            beyondHorizon |= placement.DropReason == ReasonCode.BeyondHorizon;
            if (reasons is not null)
            {
                reasons.Add(new ExplanationReason(placement.DropRule!, placement.DropReason, placement.DropUntil));
                recorder.Rejected(compiled, step, proposedBy, CandidateStatus.Dropped, reasons);
            }

            return;
        }

        if (reasons is not null)
        {
            recorder.Placed(step, proposedBy, notBefore, reasons);
        }

        var steps = compiled.Steps;
        if (best < 0 || Selection.Ranks(compiled.Policy.SelectionOrder, steps[step], notBefore, steps[best], bestNotBefore))
        {
            best = step;
            bestNotBefore = notBefore;
        }
    }

    public Decision Finish()
    {
        if (best >= 0)
        {
            var chosen = compiled.Steps[best];
            return new Decision(
                chosen.IsEscalation ? DecisionKind.Escalate : DecisionKind.Contact,
                facts.AccountId,
                chosen,
                bestNotBefore,
                null,
                null,
                null,
                explain ? recorder.Explain(compiled, best, []) : null,
                limitedContentVoicemail: chosen.Channel == Channel.Call && compiled.Policy.LimitedContentVoicemail);
        }

        var why = explain ? new List<ExplanationReason>() : null;
        var (kind, reviewAt, suppressedBy) = IdleDecision.Decide(compiled, facts, blocks, beyondHorizon, why);
        return new Decision(kind, facts.AccountId, null, null, reviewAt, suppressedBy, null, why is null ? null : recorder.Explain(compiled, -1, [.. why]));
    }
}
