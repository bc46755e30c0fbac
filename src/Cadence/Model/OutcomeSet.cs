using System.Collections.Immutable;

namespace Cadence;

/// <summary>
/// Whether an outcome is among those a rule lists, read failing closed: <see cref="ContactOutcome.Unknown"/> is among
/// every list (the contact might have ended in any of them). The one place caps, cooldowns and exhaustion read outcomes.
/// </summary>
internal static class OutcomeSet
{
    /// <summary>Whether <paramref name="outcome"/> is among <paramref name="listed"/>, or is unknown.</summary>
    /// <param name="listed">The outcomes a rule lists.</param>
    /// <param name="outcome">An attempt's outcome.</param>
    /// <returns><see langword="true"/> when the attempt must be counted as one of them.</returns>
    public static bool Includes(ImmutableArray<ContactOutcome> listed, ContactOutcome outcome)
        => outcome == ContactOutcome.Unknown || (!listed.IsDefault && listed.Contains(outcome));
}
