using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Cadence.Explanations;
using NodaTime;

namespace Cadence;

/// <summary>
/// The decision for one person (or one account): its kind, the step (for a contact or an escalation), the accounts it is
/// about and the contact point to use, when, and why. A value: copying it copies references to the policy's step and to
/// the explanation.
/// </summary>
public readonly record struct Decision
{
    private readonly ImmutableArray<string> accountIds;
    private readonly string? soleAccountId;

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

    /// <summary>
    /// The id of what was evaluated: the account's id for a single account (<see cref="BorrowerState"/>), the person's
    /// id for a <see cref="Person"/> (the same as <see cref="PersonId"/>). The accounts a contact is about are in
    /// <see cref="AccountIds"/>.
    /// </summary>
    public string AccountId { get; }

    /// <summary>The person's id (for a single account, the account's id).</summary>
    public string PersonId => AccountId;

    /// <summary>
    /// For a contact or an escalation: the accounts it is about, ordered by id (several when its step bundles accounts);
    /// empty otherwise.
    /// </summary>
    public ImmutableArray<string> AccountIds
    {
        get => !accountIds.IsDefault ? accountIds : soleAccountId is null ? [] : [soleAccountId];
        internal init => accountIds = value;
    }

    /// <summary>The account a contact or escalation is about, when it is about one (<see cref="AccountIds"/> is then made on demand).</summary>
    internal string? SoleAccountId
    {
        get => soleAccountId;
        init => soleAccountId = value;
    }

    /// <summary>Whether a <see cref="Person"/> was evaluated (rather than a single account): records then name the person, accounts and point.</summary>
    internal bool AboutPerson { get; init; }

    /// <summary>For a contact: the id of the contact point to use (<see cref="ContactPoint.Id"/>).</summary>
    public string? ContactPointId { get; internal init; }

    /// <summary>
    /// Escalations due on accounts other than those the chosen action is about, one per account (its best-ranked),
    /// ordered by account id: an escalation due on one account never holds back a contact about another, and the host
    /// gets both. Empty for a single account, whose decision is its best-ranked action as always. Up to two are kept
    /// inside the decision, so listing them allocates nothing.
    /// </summary>
    public DecisionEscalations Escalations { get; internal init; }

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

    /// <summary>Whether <paramref name="other"/> says the same, account ids and escalations compared element by element.</summary>
    /// <param name="other">Another decision.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(Decision other)
        => Kind == other.Kind && AccountId == other.AccountId && Equals(Step, other.Step) && NotBefore == other.NotBefore
           && ReviewAt == other.ReviewAt && SuppressedBy == other.SuppressedBy && Equals(Error, other.Error)
           && Equals(Explanation, other.Explanation) && LimitedContentVoicemail == other.LimitedContentVoicemail
           && Variant == other.Variant && ContactPointId == other.ContactPointId
           && AccountIds.AsSpan().SequenceEqual(other.AccountIds.AsSpan()) && Escalations.Equals(other.Escalations);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, AccountId, Step, NotBefore, ReviewAt, SuppressedBy, ContactPointId, Variant);

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
                s.Append(CultureInfo.InvariantCulture, $" {Step!.Id} via {Channel}{(ContactPointId is { } p && p != ContactPoint.DefaultId(Channel!.Value) ? " (" + p + ")" : string.Empty)} template '{Template}' not before {NotBefore}");
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

        if (Kind is DecisionKind.Contact or DecisionKind.Escalate && AccountIds.Length > 0 && !(AccountIds.Length == 1 && AccountIds[0] == AccountId))
        {
            s.Append(" about ").AppendJoin(", ", AccountIds);
        }

        foreach (var e in Escalations)
        {
            s.Append("; also ").Append(e.Step!.Id).Append(" (").Append(e.Step.EscalationKind).Append(") about ").AppendJoin(", ", e.AccountIds)
                .Append(CultureInfo.InvariantCulture, $" not before {e.NotBefore}");
        }

        return s.ToString();
    }
}
