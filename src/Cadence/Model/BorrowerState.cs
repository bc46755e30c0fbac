using Cadence.Internal;
using System.Collections.Immutable;
using NodaTime;

namespace Cadence;

/// <summary>
/// Everything Cadence knows of one account (one debt) when it decides the next contact. Immutable: build a new
/// state (with <c>with</c>) to change it.
/// </summary>
/// <param name="AccountId">The account's identifier; the only personal datum a decision carries.</param>
/// <remarks>Thread-safe. Collections are never <see langword="null"/>: an unset collection is empty.</remarks>
public sealed record BorrowerState(string AccountId)
{
    /// <summary>
    /// The borrower's IANA time zones (address, phone area code…), the first one being the zone local dates are
    /// counted in. Empty: the policy's default zone.
    /// </summary>
    public ImmutableArray<string> TimeZoneIds { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>
    /// The due date of the oldest unpaid instalment, or of the next one when the account is current;
    /// <see langword="null"/> when nothing is owed.
    /// </summary>
    public LocalDate? DueDate { get; init; }

    /// <summary>
    /// The amount due. Zero or less means nothing is owed: no step of the policy is ever due for the account. Left unset
    /// (no currency), the amount is not stated and the due date alone decides.
    /// </summary>
    public Money AmountDue { get; init; }

    /// <summary>Whether the borrower pays by automatic debit.</summary>
    public bool Autopay { get; init; }

    /// <summary>Ways to reach the borrower, at most one per channel.</summary>
    public ImmutableArray<ContactPoint> ContactPoints { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Holds on the account, current, past or future.</summary>
    public ImmutableArray<Hold> Holds { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Free-form tags (segment, product, risk band…) used by step conditions; compared ordinally.</summary>
    public ImmutableArray<string> Tags { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Contact history in any order; it is read, never changed.</summary>
    public ImmutableArray<ContactAttempt> History { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Whether <paramref name="other"/> has the same values, collections compared element by element.</summary>
    /// <param name="other">Another state.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(BorrowerState? other)
        => other is not null
           && AccountId == other.AccountId
           && DueDate == other.DueDate
           && AmountDue == other.AmountDue
           && Autopay == other.Autopay
           && Sequence.Equal(TimeZoneIds, other.TimeZoneIds)
           && Sequence.Equal(ContactPoints, other.ContactPoints)
           && Sequence.Equal(Holds, other.Holds)
           && Sequence.Equal(Tags, other.Tags)
           && Sequence.Equal(History, other.History);

    /// <inheritdoc />
    public override int GetHashCode()
        => HashCode.Combine(AccountId, DueDate, AmountDue, Autopay, Sequence.Hash(TimeZoneIds), Sequence.Hash(ContactPoints), Sequence.Hash(Holds), Sequence.Hash(History));
}
