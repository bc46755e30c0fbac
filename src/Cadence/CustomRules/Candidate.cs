using NodaTime;

namespace Cadence.CustomRules;

/// <summary>
/// A step proposed for one account of the person, on one contact point for a contact step, by the policy's step rule
/// or a custom rule. A fact of the rules session.
/// </summary>
/// <remarks>Immutable. Made by the engine's step rules, or by a custom rule through <see cref="AccountFacts.Propose(string, string)"/>.</remarks>
public sealed class Candidate
{
    internal Candidate(AccountFacts facts, CadenceStep step, int stepIndex, string proposedBy, Instant? stepWindowEnd, bool byPolicy, ContactPoint? point = null)
    {
        Facts = facts;
        Step = step;
        StepIndex = stepIndex;
        ProposedBy = proposedBy;
        StepWindowEnd = stepWindowEnd;
        IsProposedByPolicy = byPolicy;
        ContactPoint = point;
    }

    /// <summary>The facts of the account the candidate was proposed for.</summary>
    public AccountFacts Facts { get; }

    /// <summary>The facts of the person.</summary>
    public PersonFacts Person => Facts.Person;

    /// <summary>The id of the account the candidate is about.</summary>
    public string AccountId => Facts.AccountId;

    /// <summary>The proposed step.</summary>
    public CadenceStep Step { get; }

    /// <summary>The step's id.</summary>
    public string StepId => Step.Id;

    /// <summary>The step's channel; <see langword="null"/> for an escalation.</summary>
    public Channel? Channel => Step.Channel;

    /// <summary>
    /// The contact point the contact would use; <see langword="null"/> for an escalation, for a contact step whose
    /// channel has no contact point, and for a custom proposal not yet paired with the person's points.
    /// </summary>
    public ContactPoint? ContactPoint { get; }

    /// <summary>The name of the rule that proposed it.</summary>
    public string ProposedBy { get; }

    /// <summary>When the step's day window ends; <see langword="null"/> when only the horizon limits it.</summary>
    public Instant? StepWindowEnd { get; }

    /// <summary>The step's position in its policy: candidates are identified by it, their account and their point.</summary>
    internal int StepIndex { get; }

    /// <summary>Whether the policy's own step rule proposed it (rather than a custom rule).</summary>
    internal bool IsProposedByPolicy { get; }

    /// <summary>Whether a contact candidate still waits to be paired with the person's points of its channel.</summary>
    internal bool IsUnpaired => ContactPoint is null && Step.Channel is { } c && Facts.ContactPointFor(c) is not null;

    /// <summary>The same proposal on <paramref name="point"/>.</summary>
    internal Candidate On(ContactPoint point) => new(Facts, Step, StepIndex, ProposedBy, StepWindowEnd, IsProposedByPolicy, point);

    /// <inheritdoc />
    public override string ToString()
        => $"{StepId} ({(Channel is { } c ? c.ToString() : Step.EscalationKind)}{(ContactPoint is { } p ? " on " + p.Id : string.Empty)}) for account {AccountId} proposed by {ProposedBy}";
}
