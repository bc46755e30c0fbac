using System.Collections.Immutable;
using NodaTime;

namespace Cadence.Ledger;

/// <summary>
/// A contact the ledger has reserved for a person: while open it counts as an attempt booked at <see cref="At"/> on its
/// point about its accounts, so that a second reserve for the person sees it. Immutable.
/// </summary>
/// <param name="Id">The reservation's id, given by the store.</param>
/// <param name="PersonId">The person.</param>
/// <param name="DecisionId">The decision that allowed it (see <see cref="ContactLedger.ReplayAsync"/>).</param>
/// <param name="At">The instant it was reserved for: the contact is made now.</param>
/// <param name="ExpiresAt">When it expires unless completed or cancelled.</param>
/// <param name="Channel">The channel (<see cref="Channel.None"/> for an escalation).</param>
/// <param name="StepId">The policy step it serves, if any.</param>
public sealed record Reservation(long Id, string PersonId, long DecisionId, Instant At, Instant ExpiresAt, Channel Channel, string? StepId)
{
    /// <summary>The contact point to use; <see langword="null"/>: every point of the channel.</summary>
    public string? ContactPointId { get; init; }

    /// <summary>The accounts the contact is about; empty: every account of the person.</summary>
    public ImmutableArray<string> AccountIds { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Where it stands.</summary>
    public ReservationStatus Status { get; init; }

    /// <summary>When completed (or expired, then <see cref="ContactOutcome.Unknown"/>): the outcome.</summary>
    public ContactOutcome? Outcome { get; init; }

    /// <summary>When completed: when the contact was made; when cancelled or expired: when that happened.</summary>
    public Instant? SettledAt { get; init; }

    /// <summary>Whether <paramref name="other"/> has the same values, account ids compared element by element.</summary>
    /// <param name="other">Another reservation.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(Reservation? other)
        => other is not null && Id == other.Id && PersonId == other.PersonId && DecisionId == other.DecisionId && At == other.At
           && ExpiresAt == other.ExpiresAt && Channel == other.Channel && StepId == other.StepId && ContactPointId == other.ContactPointId
           && AccountIds.AsSpan().SequenceEqual(other.AccountIds.AsSpan()) && Status == other.Status && Outcome == other.Outcome && SettledAt == other.SettledAt;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, PersonId, At, Status, Outcome);

    /// <summary>The attempt it stands for, with <paramref name="outcome"/>, made at <paramref name="at"/>.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="at">When it was made.</param>
    /// <returns>The attempt, on its point about its accounts.</returns>
    public ContactAttempt ToAttempt(ContactOutcome outcome, Instant at)
        => new(at, Channel, ContactDirection.Outbound, outcome, StepId) { ContactPointId = ContactPointId, AccountIds = AccountIds };
}
