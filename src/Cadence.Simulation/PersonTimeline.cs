using System.Collections.Immutable;

namespace Cadence.Simulation;

/// <summary>One person's starting state and everything that happened to them afterwards, in order.</summary>
/// <param name="Initial">The person at the start: points, accounts, holds and the history so far.</param>
/// <param name="Events">What happened, in chronological order: contacts (on a point, about some accounts), holds and payments.</param>
/// <param name="Variant">The experiment variant the person was assigned to, if any.</param>
public sealed record PersonTimeline(Person Initial, ImmutableArray<AccountEvent> Events, string? Variant = null)
{
    /// <summary>The person's id.</summary>
    public string PersonId => Initial.PersonId;

    /// <summary>The person after every event: history, holds and due dates brought up to date.</summary>
    public Person Final => StateAfter(Events.Length);

    /// <summary>The person after the first <paramref name="count"/> events.</summary>
    /// <param name="count">How many events to apply.</param>
    /// <returns>The person.</returns>
    public Person StateAfter(int count)
    {
        var person = Initial;
        foreach (var e in Events.Take(count))
        {
            person = Apply(person, e);
        }

        return person;
    }

    /// <summary>
    /// The person after one event: a contact is appended to the history; a hold goes to its account, or to the person
    /// when it names none; a payment sets the next due date of its account, or of every account when it names none.
    /// </summary>
    internal static Person Apply(Person person, AccountEvent e) => e switch
    {
        ContactMade c => person with { History = person.History.Add(c.Attempt) },
        HoldPlaced { AccountId: null } h => person with { Holds = person.Holds.Add(h.Hold) },
        HoldPlaced h => person with { Accounts = [.. person.Accounts.Select(a => a.AccountId == h.AccountId ? a with { Holds = a.Holds.Add(h.Hold) } : a)] },
        PaymentMade p => person with { Accounts = [.. person.Accounts.Select(a => p.AccountId is null || a.AccountId == p.AccountId ? a with { DueDate = p.NextDueDate } : a)] },
        _ => person,
    };
}
