using NodaTime;

namespace Cadence.Simulation;

/// <summary>A payment that clears the amount due; the next instalment falls due on <paramref name="NextDueDate"/>.</summary>
/// <param name="At">When the payment cleared.</param>
/// <param name="Amount">What was paid.</param>
/// <param name="NextDueDate">The next due date; <see langword="null"/> when nothing more is owed.</param>
public sealed record PaymentMade(Instant At, Money Amount, LocalDate? NextDueDate) : AccountEvent(At)
{
    /// <summary>The account paid; <see langword="null"/>: every account of the borrower (the only one of an account's timeline).</summary>
    public string? AccountId { get; init; }
}
