using Cadence.Internal;
using System.Collections.Immutable;

namespace Cadence;

/// <summary>
/// Local times at which contact is allowed on some kinds of day, for some channels ("quiet hours" are the
/// complement). Every window that applies to a channel and a day must allow a time for contact to be allowed then:
/// windows intersect, so composing policies keeps the strictest hours. A window with no ranges closes those days.
/// </summary>
/// <param name="Name">The window's name, used in explanations.</param>
/// <param name="Days">The kinds of day it applies to.</param>
/// <param name="Ranges">The allowed local time ranges on those days.</param>
/// <param name="Channels">The channels it applies to; empty for all.</param>
public sealed record ContactWindow(string Name, DayKinds Days, ImmutableArray<TimeRange> Ranges, ImmutableArray<Channel> Channels)
{
    /// <summary>The allowed local time ranges on those days; empty closes them.</summary>
    public ImmutableArray<TimeRange> Ranges { get; init; } = Ranges.IsDefault ? [] : Ranges;

    /// <summary>The channels it applies to; empty for all.</summary>
    public ImmutableArray<Channel> Channels { get; init; } = Channels.IsDefault ? [] : Channels;

    /// <summary>Whether the window applies to <paramref name="channel"/>.</summary>
    /// <param name="channel">A channel.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool AppliesTo(Channel channel) => Channels.IsDefaultOrEmpty || Channels.Contains(channel);

    /// <summary>Where the rule comes from, when a jurisdiction pack made it.</summary>
    public RuleSource? Source { get; init; }

    /// <summary>Whether <paramref name="other"/> has the same values, collections compared element by element.</summary>
    /// <param name="other">Another window.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(ContactWindow? other)
        => other is not null && Name == other.Name && Days == other.Days && Sequence.Equal(Ranges, other.Ranges) && Sequence.Equal(Channels, other.Channels) && Equals(Source, other.Source);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Days, Sequence.Hash(Ranges), Sequence.Hash(Channels));
}
