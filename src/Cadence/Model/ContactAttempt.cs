using NodaTime;

namespace Cadence;

/// <summary>
/// One entry of an account's contact history: an attempt in either direction, or (with <see cref="Channel.None"/>)
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
    string? StepId = null);
