using NodaTime;

namespace Cadence.Ledger.LoadWorker;

/// <summary>The simulated clock as read from the database.</summary>
/// <param name="Round">How many times the coordinator advanced it (from 0).</param>
/// <param name="Now">The simulated instant.</param>
/// <param name="Stopped">Whether the run is over: workers leave.</param>
public sealed record ClockReading(long Round, Instant Now, bool Stopped);
