using System.Collections.Immutable;
using NodaTime;

namespace Cadence.Simulation;

/// <summary>Something that happened to an account at an instant: a contact, a hold placed, a payment.</summary>
/// <param name="At">When it happened.</param>
public abstract record AccountEvent(Instant At);

/// <summary>A contact made (outbound, following a decision) or received (inbound, from the borrower).</summary>
/// <param name="Attempt">The attempt as it goes into the account's history.</param>
/// <param name="DecidedAt">For an outbound contact made on a decision: the instant the decision was evaluated.</param>
/// <param name="LimitedContentVoicemail">The decision allowed a limited-content voicemail only.</param>
public sealed record ContactMade(ContactAttempt Attempt, Instant? DecidedAt = null, bool LimitedContentVoicemail = false) : AccountEvent(Attempt.At);

/// <summary>A hold placed on the account, such as a promise to pay made in a conversation.</summary>
/// <param name="Hold">The hold.</param>
public sealed record HoldPlaced(Hold Hold) : AccountEvent(Hold.From);

/// <summary>A payment that clears the amount due; the next instalment falls due on <paramref name="NextDueDate"/>.</summary>
/// <param name="At">When the payment cleared.</param>
/// <param name="Amount">What was paid.</param>
/// <param name="NextDueDate">The next due date; <see langword="null"/> when nothing more is owed.</param>
public sealed record PaymentMade(Instant At, Money Amount, LocalDate? NextDueDate) : AccountEvent(At);

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
