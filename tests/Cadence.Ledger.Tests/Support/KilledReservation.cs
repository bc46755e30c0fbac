namespace Cadence.Ledger.Tests.Support;

/// <summary>A reservation whose worker process was killed (SIGKILL) between reserve and complete.</summary>
/// <param name="Worker">The worker.</param>
/// <param name="ReservationId">The reservation it had just made.</param>
/// <param name="PersonId">The person.</param>
/// <param name="Key">The idempotency key it reserved with.</param>
internal sealed record KilledReservation(int Worker, long ReservationId, string PersonId, string Key);
