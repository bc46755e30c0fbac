using System.Collections.Immutable;
using NodaTime;

namespace Cadence.Simulation;

/// <summary>The contacts made on one reporting day, on one channel, by one variant.</summary>
/// <param name="Date">The day, in the simulation's reporting zone.</param>
/// <param name="Variant">The experiment variant; <see langword="null"/> without an experiment.</param>
/// <param name="Channel">The channel; <see cref="Channel.None"/> for escalations.</param>
/// <param name="Contacts">How many outbound contacts were made.</param>
public sealed record DailyChannelCount(LocalDate Date, string? Variant, Channel Channel, int Contacts);

/// <summary>What one variant (or the whole run, without an experiment) did and achieved.</summary>
/// <param name="Variant">The variant; <see langword="null"/> without an experiment.</param>
/// <param name="Accounts">How many accounts it evaluated.</param>
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
    /// <summary>All outbound contacts made.</summary>
    public int Contacts => ContactsByChannel.Values.Sum();

    /// <summary>The share of accounts that paid at least once.</summary>
    public double CureRate => Accounts == 0 ? 0 : (double)CuredAccounts / Accounts;
}

/// <summary>The outcome of a closed-loop simulation.</summary>
/// <param name="Options">The options it ran with.</param>
/// <param name="Timelines">Every account's starting state and events, in portfolio order: the contact log.</param>
/// <param name="Daily">Contacts per reporting day, variant and channel, in date order; days without contacts are absent.</param>
/// <param name="Variants">One summary per variant (in the experiment's order), or one for the whole run.</param>
/// <param name="Violations">What the compliance checker found; empty when it was not run or found nothing.</param>
/// <param name="Evaluations">How many decisions the engine made.</param>
public sealed record SimulationResult(
    SimulationOptions Options,
    ImmutableArray<AccountTimeline> Timelines,
    ImmutableArray<DailyChannelCount> Daily,
    ImmutableArray<VariantSummary> Variants,
    ImmutableArray<ComplianceViolation> Violations,
    long Evaluations)
{
    /// <summary>Every outbound contact, account by account.</summary>
    public IEnumerable<(AccountTimeline Account, ContactMade Contact)> Contacts
        => Timelines.SelectMany(t => t.Events.OfType<ContactMade>().Where(c => c.Attempt.Direction == ContactDirection.Outbound).Select(c => (t, c)));
}
