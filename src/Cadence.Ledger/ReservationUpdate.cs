namespace Cadence.Ledger;

/// <summary>The answer to a complete or a cancel: what it did, the reservation as it stands, and why when refused. Immutable.</summary>
/// <param name="Status">What it did.</param>
/// <param name="Reservation">The reservation as it stands now; <see langword="null"/> when not found.</param>
/// <param name="Message">Why, when refused or not found.</param>
public sealed record ReservationUpdate(ReservationUpdateStatus Status, Reservation? Reservation, string? Message = null);
