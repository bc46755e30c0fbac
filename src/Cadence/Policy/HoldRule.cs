using Cadence.Internal;
using System.Collections.Immutable;

namespace Cadence;

/// <summary>
/// What a kind of hold blocks while it is in effect: every step (but those excepted), some channels, or some steps.
/// </summary>
/// <param name="Name">The rule's name, used in explanations.</param>
/// <param name="Kind">The hold kind it maps.</param>
public sealed record HoldRule(string Name, HoldKind Kind)
{
    /// <summary>The hold blocks every step, contact or escalation, except <see cref="ExceptSteps"/>.</summary>
    public bool BlocksAllSteps { get; init; }

    /// <summary>Steps still allowed when <see cref="BlocksAllSteps"/> is set (e.g. a validation letter during a dispute).</summary>
    public ImmutableArray<string> ExceptSteps { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Channels the hold blocks.</summary>
    public ImmutableArray<Channel> BlockedChannels { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Steps the hold blocks.</summary>
    public ImmutableArray<string> BlockedSteps { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>
    /// For holds carrying a promised date: the hold lasts through the promised local date and this many days after it
    /// (the grace), then lapses even if its own end is later or open. A promise to pay always lapses so:
    /// <see langword="null"/> is then a grace of 0 days (the end of the promised day), never "until further notice".
    /// For a hold of another kind, <see langword="null"/> means its promised date is ignored.
    /// </summary>
    public int? GraceDaysAfterPromisedDate { get; init; }

    /// <summary>
    /// Whether the rule blocks a contact on <paramref name="channel"/> that serves no step of the policy (a contact the
    /// host proposes: an agent's manual dial, a callback): when it blocks every step or that channel.
    /// </summary>
    /// <param name="channel">A channel.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool BlocksChannel(Channel channel) => BlocksAllSteps || BlockedChannels.Contains(channel);

    /// <summary>Whether the rule blocks <paramref name="step"/>.</summary>
    /// <param name="step">A step.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Blocks(CadenceStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (BlocksAllSteps && !Names(ExceptSteps, step.Id))
        {
            return true;
        }

        return Names(BlockedSteps, step.Id) || (step.Channel is { } channel && BlockedChannels.Contains(channel));

        static bool Names(ImmutableArray<string> ids, string id)
        {
            foreach (var candidate in ids)
            {
                if (string.Equals(candidate, id, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Where the rule comes from, when a jurisdiction pack made it.</summary>
    public RuleSource? Source { get; init; }

    /// <summary>Whether <paramref name="other"/> has the same values, collections compared element by element.</summary>
    /// <param name="other">Another rule.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(HoldRule? other)
        => other is not null && Name == other.Name && Kind == other.Kind && BlocksAllSteps == other.BlocksAllSteps
           && GraceDaysAfterPromisedDate == other.GraceDaysAfterPromisedDate
           && Sequence.Equal(ExceptSteps, other.ExceptSteps) && Sequence.Equal(BlockedChannels, other.BlockedChannels) && Sequence.Equal(BlockedSteps, other.BlockedSteps) && Equals(Source, other.Source);

    /// <inheritdoc />
    public override int GetHashCode()
        => HashCode.Combine(Name, Kind, BlocksAllSteps, GraceDaysAfterPromisedDate, Sequence.Hash(ExceptSteps), Sequence.Hash(BlockedChannels), Sequence.Hash(BlockedSteps));
}
