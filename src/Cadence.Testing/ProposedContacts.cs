using System.Collections.Immutable;
using Cadence.Simulation;
using NodaTime;

namespace Cadence.Testing;

/// <summary>
/// Checks contacts an engine decided with the independent <see cref="ComplianceChecker"/> of each policy: records them
/// in a timeline after the account's or the person's history (a person's on their contact point, about their accounts)
/// and reports the violations that appear with them and not without them.
/// </summary>
/// <remarks>
/// The checker checks the events of a timeline, not its initial history; the outbound attempts booked after
/// now are therefore moved into the events (they are made whatever is decided), so that a decided contact that would
/// make a booked attempt break a cap, a cooldown or its step's repeat interval is found too (not whether it finds its
/// channel exhausted: that depends on how the decided contact ends). Thread-safe.
/// </remarks>
internal sealed class ProposedContacts(ImmutableArray<(string Name, ComplianceChecker Checker)> checkers)
{
    private static readonly ContactOutcome[] AllOutcomes = Enum.GetValues<ContactOutcome>();

    /// <summary>A decided contact to record: the attempt, when it was decided, and a label for failure messages.</summary>
    internal sealed record Made(ContactAttempt Attempt, Instant DecidedAt, bool LimitedContentVoicemail, string Label);

    /// <summary>Violations a decision for <paramref name="account"/> at <paramref name="now"/> brings, for every outcome of the contact.</summary>
    public List<Finding> Check(BorrowerState account, Instant now, Decision decision)
        => ForEveryOutcome(decision, now, onPointAboutAccounts: false, made => CheckAll(account, now, made));

    /// <summary>
    /// Violations a decision for <paramref name="person"/> at <paramref name="now"/> brings, for every outcome of the
    /// contact: the contact on its point about its accounts, and each escalation listed beside it about its accounts.
    /// </summary>
    public List<Finding> Check(Person person, Instant now, Decision decision)
        => ForEveryOutcome(decision, now, onPointAboutAccounts: true, made => CheckAll(person, now, made));

    /// <summary>Violations the <paramref name="made"/> contacts bring to <paramref name="account"/> (its history as of <paramref name="now"/>).</summary>
    public List<(Finding Finding, string Label)> CheckAll(BorrowerState account, Instant now, IReadOnlyList<Made> made)
        => CheckAll(account.History, now, made, (checker, kept, events) => checker.Check(new AccountTimeline(account with { History = kept }, events)));

    /// <summary>Violations the <paramref name="made"/> contacts bring to <paramref name="person"/> (its history as of <paramref name="now"/>).</summary>
    public List<(Finding Finding, string Label)> CheckAll(Person person, Instant now, IReadOnlyList<Made> made)
        => CheckAll(person.History, now, made, (checker, kept, events) => checker.Check(new PersonTimeline(person with { History = kept }, events)));

    /// <summary>The contacts a decision makes: its own (on its point, about its accounts) and the escalations listed beside it.</summary>
    private static List<Finding> ForEveryOutcome(Decision decision, Instant now, bool onPointAboutAccounts, Func<IReadOnlyList<Made>, List<(Finding Finding, string Label)>> check)
    {
        ContactAttempt Attempt(Decision d, Instant at, ContactOutcome outcome)
        {
            var attempt = new ContactAttempt(at, d.Step!.Channel ?? Channel.None, ContactDirection.Outbound, outcome, d.Step.Id);
            return onPointAboutAccounts ? attempt with { ContactPointId = d.ContactPointId, AccountIds = d.AccountIds } : attempt;
        }

        var escalations = decision.Escalations
            .Where(e => e.Step is not null && e.NotBefore is not null)
            .Select(e => new Made(Attempt(e, e.NotBefore!.Value, ContactOutcome.Sent), now, false, "listed escalation " + e.Step!.Id))
            .ToList();
        if (decision.Kind is not (DecisionKind.Contact or DecisionKind.Escalate) || decision.Step is not { } step || decision.NotBefore is not { } at)
        {
            return escalations.Count == 0 ? [] : [.. check(escalations).Select(x => x.Finding)];
        }

        var outcomes = step.Channel is null ? [ContactOutcome.Sent] : AllOutcomes;
        var findings = new List<Finding>();
        foreach (var outcome in outcomes)
        {
            var made = new Made(Attempt(decision, at, outcome), now, decision.LimitedContentVoicemail, "decided contact");
            Merge(findings, check([made, .. escalations]).Select(x => x.Finding with { Outcomes = [outcome] }));
        }

        return findings;
    }

    private List<(Finding Finding, string Label)> CheckAll(
        ImmutableArray<ContactAttempt> history,
        Instant now,
        IReadOnlyList<Made> made,
        Func<ComplianceChecker, ImmutableArray<ContactAttempt>, ImmutableArray<AccountEvent>, ImmutableArray<ComplianceViolation>> check)
    {
        var result = new List<(Finding, string)>();
        var booked = history.Where(a => a.At > now && a.Direction == ContactDirection.Outbound).ToList();
        ImmutableArray<ContactAttempt> kept = booked.Count == 0 ? history : [.. history.Where(a => !(a.At > now && a.Direction == ContactDirection.Outbound))];
        var events = Order(booked, made);
        var baselineEvents = Order(booked, []);
        foreach (var (name, checker) in checkers)
        {
            var before = check(checker, kept, [.. baselineEvents.Select(e => (AccountEvent)e.Event)]).Select(v => Key(v, baselineEvents)).ToHashSet();
            foreach (var v in check(checker, kept, [.. events.Select(e => (AccountEvent)e.Event)]))
            {
                // Whether a booked attempt finds its channel exhausted depends on how the decided contacts end, which
                // nobody can know when deciding: that is not the decision's fault.
                var onBooked = v.EventIndex >= 0 && events[v.EventIndex].Identity < booked.Count;
                if (!before.Contains(Key(v, events)) && !(onBooked && v.Kind == ViolationKind.Exhaustion))
                {
                    result.Add((new Finding(name, v, []), v.EventIndex >= 0 ? events[v.EventIndex].Label : "history"));
                }
            }
        }

        return result;
    }

    private static void Merge(List<Finding> into, IEnumerable<Finding> found)
    {
        foreach (var f in found)
        {
            var i = into.FindIndex(x => x.PolicyName == f.PolicyName && x.Violation.Kind == f.Violation.Kind && x.Violation.Rule == f.Violation.Rule && x.Violation.At == f.Violation.At && x.Violation.ScopeKey == f.Violation.ScopeKey);
            if (i < 0)
            {
                into.Add(f);
            }
            else
            {
                into[i] = into[i] with { Outcomes = into[i].Outcomes.AddRange(f.Outcomes) };
            }
        }
    }

    /// <summary>Booked attempts and decided contacts as events in time order; at the same instant, booked ones first.</summary>
    private static List<(ContactMade Event, string Label, int Identity)> Order(List<ContactAttempt> booked, IReadOnlyList<Made> made)
        => [.. booked.Select((a, i) => (Event: new ContactMade(a), Label: "booked attempt", Identity: i, Rank: 0))
            .Concat(made.Select((m, i) => (Event: new ContactMade(m.Attempt, m.DecidedAt, m.LimitedContentVoicemail), m.Label, Identity: booked.Count + i, Rank: 1)))
            .OrderBy(e => e.Event.At).ThenBy(e => e.Rank).ThenBy(e => e.Identity)
            .Select(e => (e.Event, e.Label, e.Identity))];

    /// <summary>
    /// What identifies a violation across the timelines with and without the decided contacts: its kind, rule, the
    /// attempt it is about and, for a cooldown, the attempt that started it.
    /// </summary>
    private static (ViolationKind, string, int, Instant, string, string?) Key(ComplianceViolation v, List<(ContactMade Event, string Label, int Identity)> events)
        => (v.Kind, v.Rule, v.EventIndex >= 0 ? events[v.EventIndex].Identity : -1, v.At, v.Kind == ViolationKind.Cooldown ? string.Join(",", v.Related) : string.Empty, v.ScopeKey);
}
