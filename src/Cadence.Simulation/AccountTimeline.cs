using System.Collections.Immutable;

namespace Cadence.Simulation;

/// <summary>One account's starting state and everything that happened to it afterwards, in order.</summary>
/// <param name="Initial">The state at the start.</param>
/// <param name="Events">What happened, in chronological order.</param>
/// <param name="Variant">The experiment variant the account was assigned to, if any.</param>
public sealed record AccountTimeline(BorrowerState Initial, ImmutableArray<AccountEvent> Events, string? Variant = null)
{
    /// <summary>The account's id.</summary>
    public string AccountId => Initial.AccountId;

    /// <summary>The account's state after every event: its history, holds and due date brought up to date.</summary>
    public BorrowerState Final => StateAfter(Events.Length);

    /// <summary>The account's state after the first <paramref name="count"/> events.</summary>
    /// <param name="count">How many events to apply.</param>
    /// <returns>The state.</returns>
    public BorrowerState StateAfter(int count)
    {
        var state = Initial;
        var history = Initial.History.ToBuilder();
        var holds = Initial.Holds.ToBuilder();
        foreach (var e in Events.Take(count))
        {
            switch (e)
            {
                case ContactMade c:
                    history.Add(c.Attempt);
                    break;
                case HoldPlaced h:
                    holds.Add(h.Hold);
                    break;
                case PaymentMade p:
                    state = state with { DueDate = p.NextDueDate };
                    break;
            }
        }

        return state with { History = history.ToImmutable(), Holds = holds.ToImmutable() };
    }
}
