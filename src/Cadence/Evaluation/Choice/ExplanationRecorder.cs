using System.Collections.Immutable;
using Cadence.Explanations;

namespace Cadence.Evaluation.Choice;

/// <summary>
/// Collects what happened to each candidate when explanations are on, and makes the decision's explanation; when they
/// are off, it is never created, so the hot path allocates nothing.
/// </summary>
internal sealed class ExplanationRecorder
{
    private readonly List<(int Step, CandidateExplanation Explanation)> candidates = [];

    public void Clear() => candidates.Clear();

    /// <summary>A candidate that was blocked or dropped, with its reasons.</summary>
    public void Rejected(CompiledPolicy compiled, string? accountId, int step, string? pointId, string proposedBy, CandidateStatus status, List<ExplanationReason> reasons)
    {
        var s = compiled.Steps[step];
        candidates.Add((step, new CandidateExplanation(s.Id, s.Channel, proposedBy, status, null, [.. reasons.Select(compiled.Names.WithSources)], accountId, pointId)));
    }

    /// <summary>
    /// The explanation of a decision: the placed candidates marked chosen (those in <paramref name="chosen"/>) or
    /// outranked by <paramref name="chosenStepId"/>, every candidate in order of step, account id and contact-point id
    /// (which candidates name when a person was evaluated).
    /// </summary>
    public DecisionExplanation Explain(CompiledPolicy compiled, List<Placed> placed, ISet<int>? chosen, string? chosenStepId, ImmutableArray<ExplanationReason> reasons, bool aboutPerson = false)
    {
        for (var i = 0; i < placed.Count; i++)
        {
            var p = placed[i];
            var trace = p.Trace!;
            var s = compiled.Steps[p.Step];
            var won = chosen?.Contains(i) ?? false;
            trace.Add(new ExplanationReason(won ? RuleNames.Selection : RuleNames.OutrankedBy(chosenStepId!), won ? ReasonCode.Chosen : ReasonCode.Outranked, p.NotBefore));
            candidates.Add((p.Step, new CandidateExplanation(s.Id, s.Channel, p.ProposedBy, won ? CandidateStatus.Chosen : CandidateStatus.Outranked, p.NotBefore, [.. trace.Select(compiled.Names.WithSources)], aboutPerson ? p.Account.AccountId : null, aboutPerson ? p.Point?.Id : null)));
        }

        candidates.Sort(static (a, b) =>
        {
            var c = a.Step.CompareTo(b.Step);
            if (c == 0)
            {
                c = string.CompareOrdinal(a.Explanation.AccountId, b.Explanation.AccountId);
            }

            return c != 0 ? c : string.CompareOrdinal(a.Explanation.ContactPointId, b.Explanation.ContactPointId);
        });
        return new DecisionExplanation([.. candidates.Select(c => c.Explanation)], [.. reasons.Select(compiled.Names.WithSources)]);
    }
}
