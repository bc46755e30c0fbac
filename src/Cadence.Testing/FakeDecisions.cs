using Cadence.Explanations;
using NodaTime;

namespace Cadence.Testing;

/// <summary>
/// Makes decisions and explanations as an engine would, for hosts that fake an <see cref="ICadenceEngine"/> in their own
/// tests (a decision's constructor is the engine's). What is made here carries no guarantee: it is whatever the test
/// says.
/// </summary>
public static class FakeDecisions
{
    /// <summary>A contact (or, for an escalation step, an escalation) not before <paramref name="notBefore"/>.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="step">The step, from the policy the fake engine pretends to run.</param>
    /// <param name="notBefore">When it is allowed.</param>
    /// <param name="explanation">Its explanation, if any.</param>
    /// <param name="limitedContentVoicemail">Whether a voicemail left on the call must be limited-content.</param>
    /// <returns>The decision.</returns>
    public static Decision Contact(string accountId, CadenceStep step, Instant notBefore, DecisionExplanation? explanation = null, bool limitedContentVoicemail = false)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new(step.IsEscalation ? DecisionKind.Escalate : DecisionKind.Contact, accountId, step, notBefore, null, null, null, explanation, limitedContentVoicemail);
    }

    /// <summary>A wait until <paramref name="reviewAt"/>.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="reviewAt">When something could next change.</param>
    /// <param name="explanation">Its explanation, if any.</param>
    /// <returns>The decision.</returns>
    public static Decision Wait(string accountId, Instant reviewAt, DecisionExplanation? explanation = null)
        => new(DecisionKind.Wait, accountId, null, null, reviewAt, null, null, explanation);

    /// <summary>A suppression by a kind of hold, until it lapses (<see langword="null"/>: not by itself).</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="hold">The kind of hold.</param>
    /// <param name="until">When it lapses.</param>
    /// <param name="explanation">Its explanation, if any.</param>
    /// <returns>The decision.</returns>
    public static Decision Suppressed(string accountId, HoldKind hold, Instant? until, DecisionExplanation? explanation = null)
        => new(DecisionKind.Suppressed, accountId, null, null, until, hold, null, explanation);

    /// <summary>Nothing will be due.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="explanation">Its explanation, if any.</param>
    /// <returns>The decision.</returns>
    public static Decision None(string accountId, DecisionExplanation? explanation = null)
        => new(DecisionKind.None, accountId, null, null, null, null, null, explanation);

    /// <summary>An error, as a failing rule or evaluation would give.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="code">The kind of failure.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="ruleName">The rule that failed, if one did.</param>
    /// <returns>The decision.</returns>
    public static Decision Error(string accountId, ReasonCode code, string message, string? ruleName = null)
        => new(DecisionKind.Error, accountId, null, null, null, null, new DecisionError(code, message, ruleName), null);

    /// <summary>An explanation of candidates and reasons.</summary>
    /// <param name="candidates">The candidates considered.</param>
    /// <param name="reasons">Reasons for the decision as a whole.</param>
    /// <returns>The explanation.</returns>
    public static DecisionExplanation Explanation(IEnumerable<CandidateExplanation> candidates, IEnumerable<ExplanationReason> reasons)
        => new([.. candidates], [.. reasons]);

    /// <summary>A candidate and what happened to it.</summary>
    /// <param name="step">The step.</param>
    /// <param name="status">What happened to it.</param>
    /// <param name="notBefore">Its earliest allowed instant, when it was allowed.</param>
    /// <param name="reasons">The rules that blocked, deferred or dropped it.</param>
    /// <returns>The candidate's explanation.</returns>
    public static CandidateExplanation Candidate(CadenceStep step, CandidateStatus status, Instant? notBefore, params IEnumerable<ExplanationReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new(step.Id, step.Channel, "step:" + step.Id, status, notBefore, [.. reasons]);
    }

    /// <summary>One rule's part in a decision.</summary>
    /// <param name="ruleName">The rule, named as the engine names rules (<c>docs/concepts.md</c>).</param>
    /// <param name="code">What it did.</param>
    /// <param name="until">Until when it holds, if known.</param>
    /// <returns>The reason.</returns>
    public static ExplanationReason Reason(string ruleName, ReasonCode code, Instant? until = null) => new(ruleName, code, until);
}
