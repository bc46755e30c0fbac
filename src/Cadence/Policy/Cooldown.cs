using Cadence.Internal;
using System.Collections.Immutable;
using NodaTime;

namespace Cadence;

/// <summary>How long a cooldown lasts: a duration, or a number of local calendar days counting the trigger's day as day 1.</summary>
public sealed record CooldownLength
{
    private CooldownLength(Duration duration, int days)
    {
        Duration = duration;
        Days = days;
    }

    /// <summary>The duration, when the cooldown is a duration; otherwise zero.</summary>
    public Duration Duration { get; }

    /// <summary>The number of local days, when the cooldown is counted in days; otherwise zero.</summary>
    public int Days { get; }

    /// <summary>Whether the cooldown is counted in local calendar days.</summary>
    public bool IsCalendarDays => Days > 0;

    /// <summary>A cooldown of a fixed duration from the trigger.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The length.</returns>
    public static CooldownLength Of(Duration duration) => new(duration, 0);

    /// <summary>
    /// A cooldown of <paramref name="days"/> local calendar days, the trigger's day being day 1: it ends at the start
    /// of local day <c>trigger + days</c>.
    /// </summary>
    /// <param name="days">The number of days.</param>
    /// <returns>The length.</returns>
    public static CooldownLength CalendarDays(int days) => new(Duration.Zero, days);

    /// <inheritdoc />
    public override string ToString() => IsCalendarDays ? $"{Days} calendar days" : Duration.ToString();
}

/// <summary>After an attempt matched by <see cref="Trigger"/>, the channels in <see cref="Blocks"/> are closed for <see cref="Length"/>.</summary>
/// <param name="Name">The cooldown's name, used in explanations.</param>
/// <param name="Trigger">The attempts that start it (either direction may be matched).</param>
/// <param name="Blocks">The channels it closes; empty for all.</param>
/// <param name="Length">How long it lasts.</param>
public sealed record Cooldown(string Name, AttemptFilter Trigger, ImmutableArray<Channel> Blocks, CooldownLength Length)
{
    /// <summary>The channels it closes; empty for all.</summary>
    public ImmutableArray<Channel> Blocks { get; init; } = Blocks.IsDefault ? [] : Blocks;

    /// <summary>Whether the cooldown closes <paramref name="channel"/>.</summary>
    /// <param name="channel">A channel.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool BlocksChannel(Channel channel) => Blocks.IsDefaultOrEmpty ? channel != Channel.None : Blocks.Contains(channel);

    /// <summary>Whether <paramref name="other"/> has the same values, collections compared element by element.</summary>
    /// <param name="other">Another cooldown.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(Cooldown? other)
        => other is not null && Name == other.Name && Equals(Trigger, other.Trigger) && Equals(Length, other.Length) && Sequence.Equal(Blocks, other.Blocks);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Trigger, Length, Sequence.Hash(Blocks));
}

/// <summary>
/// After <see cref="ConsecutiveFailures"/> consecutive failed outbound attempts on a contact point (since it was last
/// updated), its channel is closed until the contact point is updated.
/// </summary>
/// <param name="Name">The rule's name, used in explanations.</param>
/// <param name="ConsecutiveFailures">How many consecutive failures exhaust a contact point, at least 1.</param>
/// <param name="Channels">The channels it applies to; empty for all.</param>
/// <param name="FailureOutcomes">The outcomes that count as failures.</param>
public sealed record ExhaustionRule(string Name, int ConsecutiveFailures, ImmutableArray<Channel> Channels, ImmutableArray<ContactOutcome> FailureOutcomes)
{
    /// <summary>The channels it applies to; empty for all.</summary>
    public ImmutableArray<Channel> Channels { get; init; } = Channels.IsDefault ? [] : Channels;

    /// <summary>The outcomes that count as failures.</summary>
    public ImmutableArray<ContactOutcome> FailureOutcomes { get; init; } = FailureOutcomes.IsDefault ? [] : FailureOutcomes;

    /// <summary>The outcomes that count as failures unless a rule says otherwise.</summary>
    public static ImmutableArray<ContactOutcome> DefaultFailureOutcomes { get; } =
        [ContactOutcome.Failed, ContactOutcome.Bounced, ContactOutcome.WrongParty];

    /// <summary>Whether the rule applies to <paramref name="channel"/>.</summary>
    /// <param name="channel">A channel.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool AppliesTo(Channel channel) => Channels.IsDefaultOrEmpty ? channel != Channel.None : Channels.Contains(channel);

    /// <summary>Whether <paramref name="other"/> has the same values, collections compared element by element.</summary>
    /// <param name="other">Another rule.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(ExhaustionRule? other)
        => other is not null && Name == other.Name && ConsecutiveFailures == other.ConsecutiveFailures
           && Sequence.Equal(Channels, other.Channels) && Sequence.Equal(FailureOutcomes, other.FailureOutcomes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, ConsecutiveFailures, Sequence.Hash(Channels), Sequence.Hash(FailureOutcomes));
}
