using System.Collections.Immutable;
using Cadence.Internal;
using NodaTime;

namespace Cadence;

/// <summary>
/// One entry of a borrower's contact history: an attempt in either direction, or (with <see cref="Channel.None"/>)
/// a non-contact action such as an escalation, recorded so that its step counts as served.
/// </summary>
/// <param name="At">When the attempt was made. An attempt after the evaluation instant counts as already made (booked).</param>
/// <param name="Channel">The channel used.</param>
/// <param name="Direction">Who started it.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="StepId">The policy step it served, if any.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ContactAttempt(
    Instant At,
    Channel Channel,
    ContactDirection Direction = ContactDirection.Outbound,
    ContactOutcome Outcome = ContactOutcome.Sent,
    string? StepId = null)
{
    /// <summary>
    /// The id of the contact point used (<see cref="ContactPoint.Id"/>); <see langword="null"/> when not known: the
    /// attempt then counts for every contact point of its channel.
    /// </summary>
    public string? ContactPointId { get; init; }

    /// <summary>
    /// The accounts the attempt concerned (a call about two loans concerns both); empty when not known: it then
    /// concerned every account of the person.
    /// </summary>
    public ImmutableArray<string> AccountIds { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Whether the attempt concerned the account <paramref name="accountId"/> (every account when it names none).</summary>
    /// <param name="accountId">An account id.</param>
    /// <returns><see langword="true"/> when it did.</returns>
    public bool Concerns(string accountId)
    {
        if (AccountIds.IsDefaultOrEmpty)
        {
            return true;
        }

        foreach (var id in AccountIds)
        {
            if (string.Equals(id, accountId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the attempt used <paramref name="point"/>: by its id, or on its channel when the attempt names no point.</summary>
    /// <param name="point">A contact point.</param>
    /// <returns><see langword="true"/> when it did.</returns>
    public bool Uses(ContactPoint point)
        => Channel == point.Channel && (ContactPointId is null || string.Equals(ContactPointId, point.Id, StringComparison.Ordinal));

    /// <summary>Whether <paramref name="other"/> has the same values, collections compared element by element.</summary>
    /// <param name="other">Another attempt.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(ContactAttempt? other)
        => other is not null && At == other.At && Channel == other.Channel && Direction == other.Direction && Outcome == other.Outcome
           && StepId == other.StepId && ContactPointId == other.ContactPointId && Sequence.Equal(AccountIds, other.AccountIds);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(At, Channel, Direction, Outcome, StepId, ContactPointId, Sequence.Hash(AccountIds));
}
