using System.Collections.Immutable;
using Cadence.Internal;
using NodaTime;

namespace Cadence;

/// <summary>
/// One debt of a <see cref="Person"/> (a loan, a card, an instalment plan): its due date, amount, autopay, holds and
/// tags. Immutable: build a new one (with <c>with</c>) to change it.
/// </summary>
/// <param name="AccountId">The account's identifier, unique among the person's accounts.</param>
/// <remarks>Thread-safe. Collections are never <see langword="null"/>: an unset collection is empty.</remarks>
public sealed record Account(string AccountId)
{
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

    /// <summary>Whether the account is paid by automatic debit.</summary>
    public bool Autopay { get; init; }

    /// <summary>Holds on this debt only (a dispute, a promise to pay, a payment plan), current, past or future.</summary>
    public ImmutableArray<Hold> Holds { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Free-form tags of the account (product, creditor group…), compared ordinally.</summary>
    public ImmutableArray<string> Tags { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Whether <paramref name="other"/> has the same values, collections compared element by element.</summary>
    /// <param name="other">Another account.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(Account? other)
        => other is not null && AccountId == other.AccountId && DueDate == other.DueDate && AmountDue == other.AmountDue
           && Autopay == other.Autopay && Sequence.Equal(Holds, other.Holds) && Sequence.Equal(Tags, other.Tags);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(AccountId, DueDate, AmountDue, Autopay, Sequence.Hash(Holds), Sequence.Hash(Tags));
}
