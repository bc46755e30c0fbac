using System.Globalization;
using System.Text;
using Cadence.Explanations;
using NodaTime;

namespace Cadence;

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
    /// The experiment variant whose policy decided, when an <see cref="Experiments.ExperimentEngine"/> made the decision;
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
