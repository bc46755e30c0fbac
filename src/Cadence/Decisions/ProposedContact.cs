using System.Collections.Immutable;
using Cadence.Internal;

namespace Cadence;

/// <summary>
/// A contact the host proposes to make (an agent's manual dial, a dialer's pre-dial gate, a callback), to be checked
/// with <see cref="ICadenceEngine.Check"/>.
/// </summary>
/// <param name="Channel">The channel it would use.</param>
/// <param name="ContactPointId">
/// The contact point it would use (<see cref="ContactPoint.Id"/>); <see langword="null"/> when the person has at most one
/// point on the channel.
/// </param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ProposedContact(Channel Channel, string? ContactPointId = null)
{
    /// <summary>The accounts it would be about; empty: every account of the person.</summary>
    public ImmutableArray<string> AccountIds { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>
    /// The policy step it would serve, if any: the step's hold mapping and repeat interval then apply too (not its day
    /// window: proposing it is the host's call). <see langword="null"/>: a contact outside the cadence, blocked by a hold
    /// rule that blocks every step or its channel.
    /// </summary>
    public string? StepId { get; init; }

    /// <summary>Whether <paramref name="other"/> has the same values, account ids compared element by element.</summary>
    /// <param name="other">Another proposed contact.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(ProposedContact? other)
        => other is not null && Channel == other.Channel && ContactPointId == other.ContactPointId && StepId == other.StepId && Sequence.Equal(AccountIds, other.AccountIds);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Channel, ContactPointId, StepId, Sequence.Hash(AccountIds));
}
