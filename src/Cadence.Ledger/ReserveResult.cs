using System.Collections.Immutable;

namespace Cadence.Ledger;

/// <summary>
/// The answer to a reserve: whether a contact was reserved, the decision (or, for a proposed contact, the check) that
/// said so, stored under <see cref="DecisionId"/>, and the reservation. Immutable.
/// </summary>
public sealed record ReserveResult
{
    /// <summary>What the reserve did.</summary>
    public required ReserveStatus Status { get; init; }

    /// <summary>The id of the stored decision (for audit and <see cref="ContactLedger.ReplayAsync"/>).</summary>
    public required long DecisionId { get; init; }

    /// <summary>For a reserve of the next contact: the engine's decision, with its explanation.</summary>
    public Decision? Decision { get; init; }

    /// <summary>For a reserve of a proposed contact: the engine's answer.</summary>
    public ContactCheck? Check { get; init; }

    /// <summary>
    /// When <see cref="ReserveStatus.Reserved"/>: the reservation of the decision's own contact or escalation, as it was
    /// made; <see langword="null"/> when only escalations listed beside it were reserved (<see cref="Escalations"/>).
    /// </summary>
    public Reservation? Reservation { get; init; }

    /// <summary>
    /// The reservations of the escalations the decision lists as due now on the person's other accounts
    /// (<see cref="Decision.Escalations"/>), one each, as they were made: make each and complete or cancel its
    /// reservation as for <see cref="Reservation"/>. Empty when none is due, and for a proposed contact.
    /// </summary>
    public ImmutableArray<Reservation> Escalations { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>
    /// Every reservation this reserve made, to make and then complete or cancel one by one: <see cref="Reservation"/>
    /// (when there is one) first, then <see cref="Escalations"/>.
    /// </summary>
    public ImmutableArray<Reservation> Reservations => Reservation is { } own ? Escalations.Insert(0, own) : Escalations;

    /// <summary>
    /// Whether this is the answer to an earlier reserve with the same idempotency key, returned unchanged (its
    /// reservation as it was made: read <see cref="ContactLedger.GetReservationAsync"/> for where it stands now).
    /// </summary>
    public bool Repeated { get; init; }

    /// <summary>Whether two answers are the same, their escalations' reservations compared one by one.</summary>
    /// <param name="other">The other answer.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(ReserveResult? other)
        => other is not null && Status == other.Status && DecisionId == other.DecisionId && Equals(Decision, other.Decision)
           && Equals(Check, other.Check) && Equals(Reservation, other.Reservation) && Escalations.SequenceEqual(other.Escalations)
           && Repeated == other.Repeated;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Status, DecisionId, Decision, Reservation, Escalations.Length, Repeated);
}
