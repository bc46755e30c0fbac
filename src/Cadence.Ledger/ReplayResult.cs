namespace Cadence.Ledger;

/// <summary>The answer to a replay. Immutable.</summary>
/// <param name="Status">What the replay found.</param>
/// <param name="Message">What was proven, or why it was refused or differs.</param>
/// <param name="Stored">The stored decision (JSON), when there is one.</param>
/// <param name="Replayed">The replayed decision (JSON), when replayed.</param>
public sealed record ReplayResult(ReplayStatus Status, string Message, string? Stored = null, string? Replayed = null);
