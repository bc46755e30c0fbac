using System.Collections.Immutable;
using Cadence.Explanations;
using Cadence.Internal;
using NodaTime;

namespace Cadence;

/// <summary>
/// The answer to "may I make this contact now?" (<see cref="ICadenceEngine.Check"/>): allowed, or the earliest instant
/// it would be (none when a block does not lapse by itself or nothing frees it within the horizon), with the rules
/// that decided. Made by the engine; immutable.
/// </summary>
public sealed record ContactCheck
{
    internal ContactCheck(bool allowed, Instant? earliestAt, ImmutableArray<ExplanationReason> reasons, DecisionError? error = null)
    {
        Allowed = allowed;
        EarliestAt = earliestAt;
        Reasons = reasons.IsDefault ? [] : reasons;
        Error = error;
    }

    /// <summary>Whether the contact is allowed at the instant asked about.</summary>
    public bool Allowed { get; }

    /// <summary>
    /// The instant asked about when allowed; otherwise the earliest instant the contact would be allowed, or
    /// <see langword="null"/> when a static block (opt-out, consent, exhaustion, an open-ended hold) forbids it or it
    /// cannot be placed within the policy's horizon.
    /// </summary>
    public Instant? EarliestAt { get; }

    /// <summary>The rules that blocked or deferred it, by name, with their reason codes and until when they hold.</summary>
    public ImmutableArray<ExplanationReason> Reasons { get; }

    /// <summary>What was wrong with the input (an invalid person, an unknown account, point or step); the contact is then not allowed.</summary>
    public DecisionError? Error { get; }

    /// <summary>Whether <paramref name="other"/> says the same, reasons compared element by element.</summary>
    /// <param name="other">Another answer.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(ContactCheck? other)
        => other is not null && Allowed == other.Allowed && EarliestAt == other.EarliestAt && Equals(Error, other.Error) && Sequence.Equal(Reasons, other.Reasons);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Allowed, EarliestAt, Error, Sequence.Hash(Reasons));

    /// <inheritdoc />
    public override string ToString()
        => Error is not null ? $"refused: {Error.Message}"
            : Allowed ? "allowed"
            : $"not allowed{(EarliestAt is { } at ? $" before {at}" : string.Empty)}: {string.Join(", ", Reasons.Select(r => r.RuleName))}";

    /// <summary>A refusal for input that cannot be checked: fail closed.</summary>
    internal static ContactCheck Invalid(string message) => new(false, null, [], new DecisionError(ReasonCode.InvalidAccount, message));
}
