using System.Collections.Immutable;

namespace Cadence.Simulation;

/// <summary>What one variant (or the whole run, without an experiment) did and achieved.</summary>
/// <param name="Variant">The variant; <see langword="null"/> without an experiment.</param>
/// <param name="Accounts">How many accounts it evaluated (those of its persons).</param>
/// <param name="ContactsByChannel">Outbound contacts made per channel (<see cref="Channel.None"/> counts escalations).</param>
/// <param name="Conversations">Conversations with borrowers, either direction.</param>
/// <param name="Promises">Promises to pay made.</param>
/// <param name="Payments">Payments that cleared the amount due.</param>
/// <param name="CuredAccounts">Accounts that made at least one payment.</param>
/// <param name="Violations">Violations the compliance checker found in its accounts' contacts.</param>
public sealed record VariantSummary(
    string? Variant,
    int Accounts,
    ImmutableSortedDictionary<Channel, int> ContactsByChannel,
    int Conversations,
    int Promises,
    int Payments,
    int CuredAccounts,
    int Violations)
{
    /// <summary>How many persons it evaluated (as many as <see cref="Accounts"/> when every person has one account).</summary>
    public int Persons { get; init; }

    /// <summary>All outbound contacts made.</summary>
    public int Contacts => ContactsByChannel.Values.Sum();

    /// <summary>The share of accounts that paid at least once.</summary>
    public double CureRate => Accounts == 0 ? 0 : (double)CuredAccounts / Accounts;
}
