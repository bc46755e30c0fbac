using NodaTime;

namespace Cadence;

/// <summary>A step proposed for the account, by the policy's step rule or a custom rule. A fact of the rules session.</summary>
/// <remarks>Immutable.</remarks>
public sealed class Candidate
{
    internal Candidate(AccountFacts facts, CadenceStep step, int stepIndex, string proposedBy, Instant? stepWindowEnd)
    {
        Facts = facts;
        Step = step;
        StepIndex = stepIndex;
        ProposedBy = proposedBy;
        StepWindowEnd = stepWindowEnd;
    }

    /// <summary>The facts of the account the candidate was proposed for.</summary>
    public AccountFacts Facts { get; }

    /// <summary>The proposed step.</summary>
    public CadenceStep Step { get; }

    /// <summary>The step's position in its policy.</summary>
    internal int StepIndex { get; }

    /// <summary>The step's id.</summary>
    public string StepId => Step.Id;

    /// <summary>The step's channel; <see langword="null"/> for an escalation.</summary>
    public Channel? Channel => Step.Channel;

    /// <summary>The name of the rule that proposed it.</summary>
    public string ProposedBy { get; }

    /// <summary>When the step's day window ends; <see langword="null"/> when only the horizon limits it.</summary>
    public Instant? StepWindowEnd { get; }

    /// <inheritdoc />
    public override string ToString() => $"{StepId} ({(Channel is { } c ? c.ToString() : Step.EscalationKind)}) proposed by {ProposedBy}";
}

/// <summary>A rule's verdict that a candidate may not be used. A fact of the rules session.</summary>
/// <param name="Candidate">The blocked candidate.</param>
/// <param name="RuleName">The rule that blocked it.</param>
/// <param name="Reason">Why.</param>
/// <param name="Until">Until when the block holds, if known; <see langword="null"/> when open-ended.</param>
public sealed record CandidateBlock(Candidate Candidate, string RuleName, ReasonCode Reason, Instant? Until = null);
