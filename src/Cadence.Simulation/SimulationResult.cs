using System.Collections.Immutable;

namespace Cadence.Simulation;

/// <summary>The outcome of a closed-loop simulation.</summary>
/// <param name="Options">The options it ran with.</param>
/// <param name="Timelines">
/// For a run over accounts, every account's starting state and events, in portfolio order: the contact log. Empty for a
/// run over persons: see <see cref="Persons"/>.
/// </param>
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
    /// <summary>Every person's starting state and events, in portfolio order: the contact log (for a run over accounts, each account as a person of one account).</summary>
    public ImmutableArray<PersonTimeline> Persons { get; init; } = [];

    /// <summary>Every outbound contact of a run over accounts, account by account.</summary>
    public IEnumerable<(AccountTimeline Account, ContactMade Contact)> Contacts
        => Timelines.SelectMany(t => t.Events.OfType<ContactMade>().Where(c => c.Attempt.Direction == ContactDirection.Outbound).Select(c => (t, c)));

    /// <summary>Every outbound contact, person by person (each on its point, about its accounts).</summary>
    public IEnumerable<(PersonTimeline Person, ContactMade Contact)> PersonContacts
        => Persons.SelectMany(t => t.Events.OfType<ContactMade>().Where(c => c.Attempt.Direction == ContactDirection.Outbound).Select(c => (t, c)));
}
