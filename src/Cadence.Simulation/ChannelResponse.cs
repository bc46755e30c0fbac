
namespace Cadence.Simulation;

/// <summary>How often a contact on one channel reaches the borrower, and how often that becomes a conversation.</summary>
/// <param name="Reached">Probability that the contact reaches the borrower (delivered, answered, opened).</param>
/// <param name="Conversation">Probability, for a reached call or visit, that it is a conversation with the borrower.</param>
public sealed record ChannelResponse(double Reached, double Conversation = 0);
