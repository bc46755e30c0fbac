namespace Cadence.Ledger;

/// <summary>A reserve the ledger answered, by its idempotency key: a repeated key returns the same answer.</summary>
/// <param name="Key">The host's idempotency key.</param>
/// <param name="PersonId">The person it was for.</param>
/// <param name="DecisionId">The decision it stored.</param>
/// <param name="ReservationId">The reservation it made, if any.</param>
public sealed record LedgerRequest(string Key, string PersonId, long DecisionId, long? ReservationId);
