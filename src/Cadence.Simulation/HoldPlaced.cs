
namespace Cadence.Simulation;

/// <summary>A hold placed on the account, such as a promise to pay made in a conversation.</summary>
/// <param name="Hold">The hold.</param>
public sealed record HoldPlaced(Hold Hold) : AccountEvent(Hold.From);
