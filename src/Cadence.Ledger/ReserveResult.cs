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

    /// <summary>When <see cref="ReserveStatus.Reserved"/>: the reservation, as it was made.</summary>
    public Reservation? Reservation { get; init; }

    /// <summary>
    /// Whether this is the answer to an earlier reserve with the same idempotency key, returned unchanged (its
    /// reservation as it was made: read <see cref="ContactLedger.GetReservationAsync"/> for where it stands now).
    /// </summary>
    public bool Repeated { get; init; }
}
