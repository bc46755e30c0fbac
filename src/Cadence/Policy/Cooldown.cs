using Cadence.Internal;
using System.Collections.Immutable;

namespace Cadence;

/// <summary>After an attempt matched by <see cref="Trigger"/>, the channels in <see cref="Blocks"/> are closed for <see cref="Length"/>.</summary>
/// <param name="Name">The cooldown's name, used in explanations.</param>
/// <param name="Trigger">The attempts that start it (either direction may be matched).</param>
/// <param name="Blocks">The channels it closes; empty for all.</param>
/// <param name="Length">How long it lasts.</param>
public sealed record Cooldown(string Name, AttemptFilter Trigger, ImmutableArray<Channel> Blocks, CooldownLength Length)
{
    /// <summary>The channels it closes; empty for all.</summary>
    public ImmutableArray<Channel> Blocks { get; init; } = Blocks.IsDefault ? [] : Blocks;

    /// <summary>
    /// What the cooldown counts over: after a trigger with the person (the default), it closes the channels for every
    /// contact; per account, only for contacts about an account the trigger concerned; per contact point, only on the
    /// point the trigger used.
    /// </summary>
    public RuleScope Scope { get; init; }

    /// <summary>Where the rule comes from, when a jurisdiction pack made it.</summary>
    public RuleSource? Source { get; init; }

    /// <summary>Whether the cooldown closes <paramref name="channel"/>.</summary>
    /// <param name="channel">A channel.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool BlocksChannel(Channel channel) => Blocks.IsDefaultOrEmpty ? channel != Channel.None : Blocks.Contains(channel);

    /// <summary>Whether <paramref name="other"/> has the same values, collections compared element by element.</summary>
    /// <param name="other">Another cooldown.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(Cooldown? other)
        => other is not null && Name == other.Name && Equals(Trigger, other.Trigger) && Equals(Length, other.Length) && Sequence.Equal(Blocks, other.Blocks)
           && Scope == other.Scope && Equals(Source, other.Source);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Trigger, Length, Sequence.Hash(Blocks), Scope, Source);
}
