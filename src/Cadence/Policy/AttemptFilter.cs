using Cadence.Internal;
using System.Collections.Immutable;

namespace Cadence;

/// <summary>Which history attempts a cap counts or a cooldown is triggered by.</summary>
/// <param name="Channels">Channels matched; empty for every contact channel.</param>
/// <param name="Directions">Directions matched.</param>
/// <param name="Outcomes">
/// Outcomes matched; empty for any outcome. An attempt whose outcome is <see cref="ContactOutcome.Unknown"/> matches every
/// list (it may have ended in any of them), so the list never names it.
/// </param>
public sealed record AttemptFilter(ImmutableArray<Channel> Channels, DirectionFilter Directions, ImmutableArray<ContactOutcome> Outcomes)
{
    /// <summary>Channels matched; empty for every contact channel.</summary>
    public ImmutableArray<Channel> Channels { get; init; } = Channels.IsDefault ? [] : Channels;

    /// <summary>
    /// Outcomes matched; empty for any outcome. An attempt whose outcome is <see cref="ContactOutcome.Unknown"/> matches
    /// every list (see <see cref="MatchesOutcome"/>).
    /// </summary>
    public ImmutableArray<ContactOutcome> Outcomes { get; init; } = Outcomes.IsDefault ? [] : Outcomes;

    /// <summary>Every outbound attempt on <paramref name="channels"/> (all contact channels when none given).</summary>
    /// <param name="channels">The channels.</param>
    /// <returns>The filter.</returns>
    public static AttemptFilter Outbound(params Channel[] channels) => new([.. channels], DirectionFilter.Outbound, []);

    /// <summary>Attempts on <paramref name="channels"/> in either direction.</summary>
    /// <param name="channels">The channels.</param>
    /// <returns>The filter.</returns>
    public static AttemptFilter AnyDirection(params Channel[] channels) => new([.. channels], DirectionFilter.Any, []);

    /// <summary>This filter restricted to the given outcomes.</summary>
    /// <param name="outcomes">The outcomes matched.</param>
    /// <returns>A new filter.</returns>
    public AttemptFilter WithOutcomes(params ContactOutcome[] outcomes) => this with { Outcomes = [.. outcomes] };

    /// <summary>Whether the filter matches <paramref name="channel"/>.</summary>
    /// <param name="channel">A channel.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool MatchesChannel(Channel channel)
        => Channels.IsDefaultOrEmpty ? channel != Channel.None : Channels.Contains(channel);

    /// <summary>
    /// Whether the filter matches an attempt that ended in <paramref name="outcome"/>: always when it lists no outcome,
    /// and always for <see cref="ContactOutcome.Unknown"/> (failing closed: the attempt may have ended in one it lists).
    /// </summary>
    /// <param name="outcome">An attempt's outcome.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool MatchesOutcome(ContactOutcome outcome)
        => Outcomes.IsDefaultOrEmpty || OutcomeSet.Includes(Outcomes, outcome);

    /// <summary>Whether the filter matches <paramref name="attempt"/> (its channel, direction and outcome, see <see cref="MatchesOutcome"/>).</summary>
    /// <param name="attempt">An attempt.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Matches(ContactAttempt attempt)
        => MatchesChannel(attempt.Channel)
           && (Directions & (attempt.Direction == ContactDirection.Outbound ? DirectionFilter.Outbound : DirectionFilter.Inbound)) != 0
           && MatchesOutcome(attempt.Outcome);

    /// <summary>
    /// Whether an outbound contact proposed on <paramref name="channel"/> could match, its outcome being unknown
    /// when it is proposed (so any outcome is assumed).
    /// </summary>
    /// <param name="channel">The proposed channel.</param>
    /// <returns><see langword="true"/> when it could.</returns>
    public bool CouldMatchOutbound(Channel channel)
        => MatchesChannel(channel) && (Directions & DirectionFilter.Outbound) != 0;

    /// <summary>Whether <paramref name="other"/> matches the same attempts, collections compared element by element.</summary>
    /// <param name="other">Another filter.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(AttemptFilter? other)
        => other is not null && Directions == other.Directions && Sequence.Equal(Channels, other.Channels) && Sequence.Equal(Outcomes, other.Outcomes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Directions, Sequence.Hash(Channels), Sequence.Hash(Outcomes));
}
