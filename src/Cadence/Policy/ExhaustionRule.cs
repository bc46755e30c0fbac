using Cadence.Internal;
using System.Collections.Immutable;

namespace Cadence;

/// <summary>
/// After <see cref="ConsecutiveFailures"/> consecutive failed outbound attempts on a contact point (since it was last
/// updated), that contact point is closed until it is updated; the channel stays open through the person's other points.
/// </summary>
/// <param name="Name">The rule's name, used in explanations.</param>
/// <param name="ConsecutiveFailures">How many consecutive failures exhaust a contact point, at least 1.</param>
/// <param name="Channels">The channels it applies to; empty for all.</param>
/// <param name="FailureOutcomes">
/// The outcomes that count as failures. An attempt whose outcome is <see cref="ContactOutcome.Unknown"/> always counts as a
/// failure (never as a success that ends a run of failures), so the list never names it.
/// </param>
public sealed record ExhaustionRule(string Name, int ConsecutiveFailures, ImmutableArray<Channel> Channels, ImmutableArray<ContactOutcome> FailureOutcomes)
{
    /// <summary>The channels it applies to; empty for all.</summary>
    public ImmutableArray<Channel> Channels { get; init; } = Channels.IsDefault ? [] : Channels;

    /// <summary>The outcomes that count as failures; <see cref="ContactOutcome.Unknown"/> always does (see <see cref="CountsAsFailure"/>).</summary>
    public ImmutableArray<ContactOutcome> FailureOutcomes { get; init; } = FailureOutcomes.IsDefault ? [] : FailureOutcomes;

    /// <summary>The outcomes that count as failures unless a rule says otherwise.</summary>
    public static ImmutableArray<ContactOutcome> DefaultFailureOutcomes { get; } =
        [ContactOutcome.Failed, ContactOutcome.Bounced, ContactOutcome.WrongParty];

    /// <summary>
    /// Whether an attempt that ended in <paramref name="outcome"/> counts as a failure: when it is one of
    /// <see cref="FailureOutcomes"/>, and always when it is <see cref="ContactOutcome.Unknown"/> (failing closed).
    /// </summary>
    /// <param name="outcome">An attempt's outcome.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool CountsAsFailure(ContactOutcome outcome) => OutcomeSet.Includes(FailureOutcomes, outcome);

    /// <summary>Whether the rule applies to <paramref name="channel"/>.</summary>
    /// <param name="channel">A channel.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool AppliesTo(Channel channel) => Channels.IsDefaultOrEmpty ? channel != Channel.None : Channels.Contains(channel);

    /// <summary>Where the rule comes from, when a jurisdiction pack made it.</summary>
    public RuleSource? Source { get; init; }

    /// <summary>Whether <paramref name="other"/> has the same values, collections compared element by element.</summary>
    /// <param name="other">Another rule.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(ExhaustionRule? other)
        => other is not null && Name == other.Name && ConsecutiveFailures == other.ConsecutiveFailures
           && Sequence.Equal(Channels, other.Channels) && Sequence.Equal(FailureOutcomes, other.FailureOutcomes) && Equals(Source, other.Source);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, ConsecutiveFailures, Sequence.Hash(Channels), Sequence.Hash(FailureOutcomes));
}
