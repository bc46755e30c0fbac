using System.Collections.Immutable;
using Cadence.Internal;
using NodaTime;

namespace Cadence.Explanations;

/// <summary>A candidate considered for a decision, and what happened to it. Made by the engine; immutable.</summary>
public sealed record CandidateExplanation
{
    internal CandidateExplanation(string stepId, Channel? channel, string proposedBy, CandidateStatus status, Instant? notBefore, ImmutableArray<ExplanationReason> reasons, string? accountId = null, string? contactPointId = null)
    {
        AccountId = accountId;
        ContactPointId = contactPointId;
        StepId = stepId;
        Channel = channel;
        ProposedBy = proposedBy;
        Status = status;
        NotBefore = notBefore;
        Reasons = reasons.IsDefault ? [] : reasons;
    }

    /// <summary>The step.</summary>
    public string StepId { get; }

    /// <summary>Its channel; <see langword="null"/> for an escalation.</summary>
    public Channel? Channel { get; }

    /// <summary>The account the candidate was about; <see langword="null"/> when not recorded (explanations read from older records).</summary>
    public string? AccountId { get; }

    /// <summary>The contact point it would have used; <see langword="null"/> for an escalation or a channel without a point.</summary>
    public string? ContactPointId { get; }

    /// <summary>The rule that proposed it.</summary>
    public string ProposedBy { get; }

    /// <summary>What happened to it.</summary>
    public CandidateStatus Status { get; }

    /// <summary>Its earliest allowed instant, when it was allowed.</summary>
    public Instant? NotBefore { get; }

    /// <summary>The rules that blocked, deferred or dropped it, in order.</summary>
    public ImmutableArray<ExplanationReason> Reasons { get; }

    /// <summary>Whether <paramref name="other"/> says the same, reasons compared element by element.</summary>
    /// <param name="other">Another explanation.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(CandidateExplanation? other)
        => other is not null && StepId == other.StepId && Channel == other.Channel && ProposedBy == other.ProposedBy
           && Status == other.Status && NotBefore == other.NotBefore && Sequence.Equal(Reasons, other.Reasons)
           && AccountId == other.AccountId && ContactPointId == other.ContactPointId;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StepId, Channel, ProposedBy, Status, NotBefore, Sequence.Hash(Reasons), AccountId, ContactPointId);
}
