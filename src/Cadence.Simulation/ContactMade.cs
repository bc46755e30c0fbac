using NodaTime;

namespace Cadence.Simulation;

/// <summary>A contact made (outbound, following a decision) or received (inbound, from the borrower).</summary>
/// <param name="Attempt">The attempt as it goes into the account's history.</param>
/// <param name="DecidedAt">For an outbound contact made on a decision: the instant the decision was evaluated.</param>
/// <param name="LimitedContentVoicemail">The decision allowed a limited-content voicemail only.</param>
public sealed record ContactMade(ContactAttempt Attempt, Instant? DecidedAt = null, bool LimitedContentVoicemail = false) : AccountEvent(Attempt.At);
