using System.Collections.Immutable;
using Cadence.Internal;

namespace Cadence;

/// <summary>
/// At most <see cref="Limit"/> attempts matched by <see cref="Counts"/> within <see cref="Period"/>, counted over its
/// <see cref="Scope"/>. A cap restricts the outbound channels it counts. Attempts booked after the evaluation instant
/// count too.
/// </summary>
/// <param name="Name">The cap's name, used in explanations.</param>
/// <param name="Limit">The maximum number of counted attempts, at least 1.</param>
/// <param name="Period">The window attempts are counted in.</param>
/// <param name="Counts">Which attempts are counted.</param>
public sealed record FrequencyCap(string Name, int Limit, CapPeriod Period, AttemptFilter Counts)
{
    /// <summary>What the cap counts over: the person (the default), each account a contact is about, or the contact point.</summary>
    public RuleScope Scope { get; init; }

    /// <summary>
    /// The kinds of contact point the cap is about (Massachusetts' 2 calls per 30 days to non-residential numbers):
    /// it restricts contacts on points of these kinds and counts attempts on them (an attempt naming no known point
    /// counts, failing closed). Empty: every kind.
    /// </summary>
    public ImmutableArray<ContactPointKind> ContactPointKinds { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Where the rule comes from, when a jurisdiction pack made it.</summary>
    public RuleSource? Source { get; init; }

    /// <summary>Whether <paramref name="other"/> has the same values, collections compared element by element.</summary>
    /// <param name="other">Another cap.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(FrequencyCap? other)
        => other is not null && Name == other.Name && Limit == other.Limit && Equals(Period, other.Period) && Equals(Counts, other.Counts)
           && Scope == other.Scope && Sequence.Equal(ContactPointKinds, other.ContactPointKinds) && Equals(Source, other.Source);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Limit, Period, Counts, Scope, Sequence.Hash(ContactPointKinds), Source);
}
