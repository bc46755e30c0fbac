namespace Cadence.Simulation;

/// <summary>A hold placed on the borrower, such as a promise to pay made in a conversation.</summary>
/// <param name="Hold">The hold.</param>
public sealed record HoldPlaced(Hold Hold) : AccountEvent(Hold.From)
{
    /// <summary>The account the hold is about (a promise to pay on one loan); <see langword="null"/>: a hold on the person, for every account.</summary>
    public string? AccountId { get; init; }
}
