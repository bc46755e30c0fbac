using NodaTime;

namespace Cadence.CustomRules;

/// <summary>A step proposed for the account, by the policy's step rule or a custom rule. A fact of the rules session.</summary>
/// <remarks>Immutable. Made by the engine's step rules, or by a custom rule through <see cref="AccountFacts.Propose"/>.</remarks>
public sealed class Candidate
{
    internal Candidate(AccountFacts facts, CadenceStep step, int stepIndex, string proposedBy, Instant? stepWindowEnd, bool byPolicy)
    {
        Facts = facts;
        Step = step;
        StepIndex = stepIndex;
        ProposedBy = proposedBy;
        StepWindowEnd = stepWindowEnd;
        IsProposedByPolicy = byPolicy;
    }

    /// <summary>The facts of the account the candidate was proposed for.</summary>
    public AccountFacts Facts { get; }

    /// <summary>The proposed step.</summary>
    public CadenceStep Step { get; }

    /// <summary>The step's id.</summary>
    public string StepId => Step.Id;

    /// <summary>The step's channel; <see langword="null"/> for an escalation.</summary>
    public Channel? Channel => Step.Channel;

    /// <summary>The name of the rule that proposed it.</summary>
    public string ProposedBy { get; }

    /// <summary>When the step's day window ends; <see langword="null"/> when only the horizon limits it.</summary>
    public Instant? StepWindowEnd { get; }

    /// <summary>The step's position in its policy: candidates are identified by it.</summary>
    internal int StepIndex { get; }

    /// <summary>Whether the policy's own step rule proposed it (rather than a custom rule).</summary>
    internal bool IsProposedByPolicy { get; }

    /// <inheritdoc />
    public override string ToString() => $"{StepId} ({(Channel is { } c ? c.ToString() : Step.EscalationKind)}) proposed by {ProposedBy}";
}
