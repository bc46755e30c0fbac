using System.Collections.Immutable;
using Cadence.Explanations;
using NodaTime;

namespace Cadence.Evaluation.Choice;

/// <summary>
/// Collects what happened to each candidate when explanations are on, and makes the decision's explanation; when they
/// are off, it is never created, so the hot path allocates nothing.
/// </summary>
internal sealed class ExplanationRecorder
{
    private readonly List<(int Step, CandidateExplanation Explanation)> candidates = [];
    private readonly List<(int Step, string ProposedBy, Instant NotBefore, List<ExplanationReason> Trace)> placed = [];

    public void Clear()
    {
        candidates.Clear();
        placed.Clear();
    }

    /// <summary>A candidate that was blocked or dropped, with its reasons.</summary>
    public void Rejected(CompiledPolicy compiled, int step, string proposedBy, CandidateStatus status, List<ExplanationReason> reasons)
    {
        var s = compiled.Steps[step];
        candidates.Add((step, new CandidateExplanation(s.Id, s.Channel, proposedBy, status, null, [.. reasons])));
    }

    /// <summary>A candidate placed in time; whether it was chosen is known at the end.</summary>
    public void Placed(int step, string proposedBy, Instant notBefore, List<ExplanationReason> trace) => placed.Add((step, proposedBy, notBefore, trace));

    /// <summary>The explanation of a decision, the placed candidates marked chosen or outranked by <paramref name="chosen"/>.</summary>
    public DecisionExplanation Explain(CompiledPolicy compiled, int chosen, ImmutableArray<ExplanationReason> reasons)
    {
        foreach (var (step, proposedBy, notBefore, trace) in placed)
        {
            var s = compiled.Steps[step];
            var won = step == chosen;
            trace.Add(new ExplanationReason(won ? RuleNames.Selection : RuleNames.OutrankedBy(compiled.Steps[chosen].Id), won ? ReasonCode.Chosen : ReasonCode.Outranked, notBefore));
            candidates.Add((step, new CandidateExplanation(s.Id, s.Channel, proposedBy, won ? CandidateStatus.Chosen : CandidateStatus.Outranked, notBefore, [.. trace])));
        }

        candidates.Sort(static (a, b) => a.Step.CompareTo(b.Step));
        return new DecisionExplanation([.. candidates.Select(c => c.Explanation)], reasons);
    }
}
