using System.Collections.Immutable;
using Cadence.Internal;

namespace Cadence;

/// <summary>
/// A borrower as the law and the lender see them: one person with one or more accounts, several contact points per
/// channel and one contact history shared by every account. Cadence decides the next contact with the person,
/// coordinated across their accounts. Immutable: build a new one (with <c>with</c>) to change it.
/// </summary>
/// <param name="PersonId">The person's identifier.</param>
/// <remarks>
/// Thread-safe. Collections are never <see langword="null"/>: an unset collection is empty. A
/// <see cref="BorrowerState"/> is a person of one account (<see cref="FromAccount"/>).
/// </remarks>
public sealed record Person(string PersonId)
{
    /// <summary>
    /// The person's IANA time zones (address, phone area code…), the first one being the zone local dates are counted
    /// in. Empty: the policy's default zone.
    /// </summary>
    public ImmutableArray<string> TimeZoneIds { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>
    /// Where the person lives, as ISO 3166 codes (<c>RU</c>, <c>US</c>) or subdivisions (<c>US-MA</c>): a
    /// jurisdiction pack may apply only to persons of given regions.
    /// </summary>
    public ImmutableArray<string> Regions { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Holds on the person (bankruptcy, deceased, cease-all, attorney…): they apply to every account.</summary>
    public ImmutableArray<Hold> Holds { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Free-form tags of the person, compared ordinally.</summary>
    public ImmutableArray<string> Tags { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Ways to reach the person, several per channel allowed, each with its own id.</summary>
    public ImmutableArray<ContactPoint> ContactPoints { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>The contact history shared by the person's accounts, in any order; it is read, never changed.</summary>
    public ImmutableArray<ContactAttempt> History { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>The person's accounts, at least one.</summary>
    public ImmutableArray<Account> Accounts { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>
    /// The person of one account that <paramref name="state"/> describes: the person's id is the account's, its holds
    /// and tags are the person's, and each contact point keeps its id (by default its channel's name).
    /// </summary>
    /// <param name="state">An account's state.</param>
    /// <returns>The person.</returns>
    public static Person FromAccount(BorrowerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new Person(state.AccountId)
        {
            TimeZoneIds = state.TimeZoneIds,
            Holds = state.Holds,
            Tags = state.Tags,
            ContactPoints = state.ContactPoints,
            History = state.History,
            Accounts = [new Account(state.AccountId) { DueDate = state.DueDate, AmountDue = state.AmountDue, Autopay = state.Autopay }],
        };
    }

    /// <summary>Whether <paramref name="other"/> has the same values, collections compared element by element.</summary>
    /// <param name="other">Another person.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(Person? other)
        => other is not null && PersonId == other.PersonId
           && Sequence.Equal(TimeZoneIds, other.TimeZoneIds) && Sequence.Equal(Regions, other.Regions)
           && Sequence.Equal(Holds, other.Holds) && Sequence.Equal(Tags, other.Tags)
           && Sequence.Equal(ContactPoints, other.ContactPoints) && Sequence.Equal(History, other.History)
           && Sequence.Equal(Accounts, other.Accounts);

    /// <inheritdoc />
    public override int GetHashCode()
        => HashCode.Combine(PersonId, Sequence.Hash(TimeZoneIds), Sequence.Hash(Regions), Sequence.Hash(ContactPoints), Sequence.Hash(Accounts), Sequence.Hash(History));
}
