using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using NodaTime;

namespace Cadence;

/// <summary>What the engine decided for an account.</summary>
public enum DecisionKind
{
    /// <summary>Nothing will be due given the current state (nothing owed, no steps left).</summary>
    None = 0,

    /// <summary>Make the contact <see cref="Decision.Step"/> not before <see cref="Decision.NotBefore"/>.</summary>
    Contact,

    /// <summary>Take the non-contact step <see cref="Decision.Step"/> (agency placement, bureau notice…).</summary>
    Escalate,

    /// <summary>Nothing is allowed now; look again at <see cref="Decision.ReviewAt"/>.</summary>
    Wait,

    /// <summary>A hold forbids every due step; it lapses at <see cref="Decision.ReviewAt"/> (<see langword="null"/>: not by itself).</summary>
    Suppressed,

    /// <summary>The account could not be evaluated; see <see cref="Decision.Error"/>. Never a contact.</summary>
    Error,
}

/// <summary>Why an account could not be evaluated.</summary>
/// <param name="Code">What kind of failure it was.</param>
/// <param name="Message">What is wrong and where, in plain words.</param>
/// <param name="RuleName">The rule that failed, when a rule failed.</param>
public sealed record DecisionError(ReasonCode Code, string Message, string? RuleName = null);

/// <summary>
/// The decision for one account: its kind, the step (for a contact or an escalation), when, and why. A value: copying
/// it copies references to the policy's step and to the explanation.
/// </summary>
public readonly record struct Decision
{
    internal Decision(DecisionKind kind, string accountId, CadenceStep? step, Instant? notBefore, Instant? reviewAt, HoldKind? suppressedBy, DecisionError? error, DecisionExplanation? explanation, bool limitedContentVoicemail = false)
    {
        LimitedContentVoicemail = limitedContentVoicemail;
        Kind = kind;
        AccountId = accountId;
        Step = step;
        NotBefore = notBefore;
        ReviewAt = reviewAt;
        SuppressedBy = suppressedBy;
        Error = error;
        Explanation = explanation;
    }

    /// <summary>The decision's kind.</summary>
    public DecisionKind Kind { get; }

    /// <summary>The account's id.</summary>
    public string AccountId { get; }

    /// <summary>For <see cref="DecisionKind.Contact"/> and <see cref="DecisionKind.Escalate"/>: the step to take.</summary>
    public CadenceStep? Step { get; }

    /// <summary>The channel to use, for a contact.</summary>
    public Channel? Channel => Step?.Channel;

    /// <summary>The template to send, for a contact.</summary>
    public string? Template => Step?.Template;

    /// <summary>
    /// For a call: a voicemail left on it must be a limited-content message (a business name, a person's name and a
    /// callback number, no mention of the debt), because the policy says so (<see cref="CadencePolicy.LimitedContentVoicemail"/>).
    /// </summary>
    public bool LimitedContentVoicemail { get; }

    /// <summary>For a contact or escalation: the earliest instant, at or after now, it is allowed.</summary>
    public Instant? NotBefore { get; }

    /// <summary>For a wait or a suppression: when something could next change.</summary>
    public Instant? ReviewAt { get; }

    /// <summary>For a suppression: the kind of hold that forbids every step.</summary>
    public HoldKind? SuppressedBy { get; }

    /// <summary>
    /// The experiment variant whose policy decided, when an <see cref="ExperimentEngine"/> made the decision;
    /// <see langword="null"/> otherwise.
    /// </summary>
    public string? Variant { get; internal init; }

    /// <summary>For an error: what went wrong.</summary>
    public DecisionError? Error { get; }

    /// <summary>The candidates considered and the rules that decided, when explanations are collected.</summary>
    public DecisionExplanation? Explanation { get; }

    /// <summary>An error decision, for a host that cannot even build the account's state (e.g. an unreadable record).</summary>
    /// <param name="accountId">The account's id, or where the record was (e.g. <c>line 17</c>).</param>
    /// <param name="code">The kind of failure.</param>
    /// <param name="message">What is wrong and where.</param>
    /// <returns>The decision.</returns>
    public static Decision Failed(string accountId, ReasonCode code, string message)
        => new(DecisionKind.Error, accountId ?? string.Empty, null, null, null, null, new DecisionError(code, message), null);

    /// <inheritdoc />
    public override string ToString()
    {
        var s = new StringBuilder().Append(AccountId).Append(": ").Append(Kind);
        if (Variant is not null)
        {
            s.Append(" [variant ").Append(Variant).Append(']');
        }

        switch (Kind)
        {
            case DecisionKind.Contact:
                s.Append(CultureInfo.InvariantCulture, $" {Step!.Id} via {Channel} template '{Template}' not before {NotBefore}");
                if (LimitedContentVoicemail)
                {
                    s.Append(" (limited-content voicemail only)");
                }

                break;
            case DecisionKind.Escalate:
                s.Append(CultureInfo.InvariantCulture, $" {Step!.Id} ({Step.EscalationKind}) not before {NotBefore}");
                break;
            case DecisionKind.Wait:
                s.Append(CultureInfo.InvariantCulture, $" review at {(ReviewAt is { } r ? r.ToString() : "-")}");
                break;
            case DecisionKind.Suppressed:
                s.Append(CultureInfo.InvariantCulture, $" by {SuppressedBy} until {(ReviewAt is { } u ? u.ToString() : "further notice")}");
                break;
            case DecisionKind.Error:
                s.Append(": ").Append(Error?.Message);
                break;
        }

        return s.ToString();
    }
}

/// <summary>What happened to a candidate.</summary>
public enum CandidateStatus
{
    /// <summary>Allowed and chosen.</summary>
    Chosen = 0,

    /// <summary>Allowed, but another candidate ranked higher.</summary>
    Outranked,

    /// <summary>Blocked by a static rule (contact point, consent, hold, exhaustion, custom rule).</summary>
    Blocked,

    /// <summary>No allowed instant before its window ended or within the horizon.</summary>
    Dropped,
}

/// <summary>One rule's part in a decision.</summary>
/// <param name="RuleName">The rule, by name (e.g. <c>cap:reg-f-7-in-7</c>).</param>
/// <param name="Code">What it did.</param>
/// <param name="Until">Until when it holds, if known.</param>
public sealed record ExplanationReason(string RuleName, ReasonCode Code, Instant? Until = null)
{
    /// <inheritdoc />
    public override string ToString() => Until is not { } u ? $"{Code} by {RuleName}"
        : Code is ReasonCode.Chosen or ReasonCode.Outranked ? string.Create(CultureInfo.InvariantCulture, $"{Code} by {RuleName} at {u}")
        : string.Create(CultureInfo.InvariantCulture, $"{Code} by {RuleName} until {u}");
}

/// <summary>A candidate considered for a decision, and what happened to it.</summary>
/// <param name="StepId">The step.</param>
/// <param name="Channel">Its channel; <see langword="null"/> for an escalation.</param>
/// <param name="ProposedBy">The rule that proposed it.</param>
/// <param name="Status">What happened to it.</param>
/// <param name="NotBefore">Its earliest allowed instant, when it was allowed.</param>
/// <param name="Reasons">The rules that blocked, deferred or dropped it, in order.</param>
public sealed record CandidateExplanation(string StepId, Channel? Channel, string ProposedBy, CandidateStatus Status, Instant? NotBefore, ImmutableArray<ExplanationReason> Reasons);

/// <summary>Why a decision was made. Carries no personal data beyond the account id of its decision.</summary>
/// <param name="Candidates">The candidates considered, in declaration order.</param>
/// <param name="Reasons">Reasons for the decision as a whole (no step due, next step opens…).</param>
public sealed record DecisionExplanation(ImmutableArray<CandidateExplanation> Candidates, ImmutableArray<ExplanationReason> Reasons)
{
    /// <summary>A readable, multi-line rendering.</summary>
    /// <returns>The text.</returns>
    public string ToDisplayString()
    {
        var s = new StringBuilder();
        foreach (var r in Reasons)
        {
            s.Append("  - ").Append(r).AppendLine();
        }

        foreach (var c in Candidates)
        {
            s.Append(CultureInfo.InvariantCulture, $"  * {c.StepId} [{(c.Channel is { } ch ? ch.ToString() : "escalation")}] {c.Status}");
            if (c.NotBefore is { } nb)
            {
                s.Append(CultureInfo.InvariantCulture, $" not before {nb}");
            }

            s.AppendLine();
            foreach (var r in c.Reasons)
            {
                s.Append("      ").Append(r).AppendLine();
            }
        }

        return s.ToString();
    }
}
