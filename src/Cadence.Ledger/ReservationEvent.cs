using NodaTime;

namespace Cadence.Ledger;

/// <summary>One entry of a reservation's audit trail. Immutable.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="At">When it happened (for a completion: when the contact was made).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Outcome">The outcome recorded, for a completion or an expiry.</param>
public sealed record ReservationEvent(long ReservationId, Instant At, ReservationEventKind Kind, ContactOutcome? Outcome = null);
