using NodaTime;

namespace Cadence.Simulation;

/// <summary>Something that happened to an account at an instant: a contact, a hold placed, a payment.</summary>
/// <param name="At">When it happened.</param>
public abstract record AccountEvent(Instant At);
