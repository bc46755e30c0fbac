using System.Collections.Immutable;
using System.Globalization;
using Cadence.Experiments;
using NodaTime;

namespace Cadence.Simulation;

/// <summary>
/// Re-verifies a contact log against a policy's windows, caps, cooldowns, blocks and steps — a second, deliberately
/// simple implementation written from the semantics, which calls none of the engine's evaluation code. Where the engine
/// computes the earliest allowed instant, the checker only asks, contact by contact, whether that contact was allowed.
/// </summary>
/// <remarks>
/// <para>
/// Every outbound contact among a timeline's events is checked against everything that happened before it: the
/// person's initial history and the earlier events. The initial history is taken as given and is not itself checked.
/// Caps count the attempts up to and including the checked one, so that the contact that exceeds a cap is the one
/// reported. Calendar days, weeks and months are those of the borrower's first zone.
/// </para>
/// <para>
/// A contact is checked at every scope it touches: the person; each account it is about (all of them when it names
/// none), for caps and cooldowns per account, the account's holds, due date and steps; and its contact point (every
/// point of its channel when it names none), for caps and cooldowns per point, opt-out, consent, workplace and
/// exhaustion. Each violation names the scope and its key (<see cref="ComplianceViolation.Scope"/>,
/// <see cref="ComplianceViolation.ScopeKey"/>). A rule limited to regions binds a person in one of them, in a region
/// that holds one or is held by one, or whose regions are unknown. An account's timeline is checked as a person of one
/// account.
/// </para>
/// <para>
/// An attempt whose outcome is <see cref="ContactOutcome.Unknown"/> is read failing closed: it counts for every outcome a
/// cap or a cooldown's trigger lists, and as a failure for exhaustion (never as a success that ends a run of failures).
/// </para>
/// <para>Thread-safe; the checker holds no state between calls.</para>
/// </remarks>
public sealed class ComplianceChecker
{
    private readonly Func<string, string?, CadencePolicy> policyFor;

    /// <summary>Creates a checker for one policy.</summary>
    /// <param name="policy">The rules every contact must keep.</param>
    public ComplianceChecker(CadencePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policyFor = (_, _) => policy;
    }

    /// <summary>Creates a checker for an experiment: each account or person is checked against its variant's policy.</summary>
    /// <param name="experiment">The experiment.</param>
    public ComplianceChecker(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        policyFor = (id, variant) => variant is { } v ? experiment[v].Policy : experiment.Assign(id).Policy;
    }

    /// <summary>Checks every outbound contact of one account.</summary>
    /// <param name="timeline">The account's starting state and events.</param>
    /// <returns>The violations, in the order of the contacts.</returns>
    public ImmutableArray<ComplianceViolation> Check(AccountTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return Check(new PersonTimeline(Person.FromAccount(timeline.Initial), timeline.Events, timeline.Variant));
    }

    /// <summary>Checks every outbound contact of one person, at every scope.</summary>
    /// <param name="timeline">The person's starting state and events.</param>
    /// <returns>The violations, in the order of the contacts.</returns>
    public ImmutableArray<ComplianceViolation> Check(PersonTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return new PersonCheck(policyFor(timeline.PersonId, timeline.Variant), timeline).Run();
    }

    /// <summary>Checks every outbound contact of every account.</summary>
    /// <param name="timelines">The accounts.</param>
    /// <returns>The violations, account by account.</returns>
    public ImmutableArray<ComplianceViolation> Check(IEnumerable<AccountTimeline> timelines)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        return [.. timelines.SelectMany(t => Check(t))];
    }

    /// <summary>Checks every outbound contact of every person.</summary>
    /// <param name="timelines">The persons.</param>
    /// <returns>The violations, person by person.</returns>
    public ImmutableArray<ComplianceViolation> Check(IEnumerable<PersonTimeline> timelines)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        return [.. timelines.SelectMany(t => Check(t))];
    }

    /// <summary>An attempt of the person, from their initial history (<see cref="Event"/> -1) or from an event.</summary>
    private sealed record Entry(ContactAttempt Attempt, int Event, Instant? DecidedAt, int Order);

    private sealed class PersonCheck
    {
        private readonly CadencePolicy policy;
        private readonly PersonTimeline timeline;
        private readonly Person person;
        private readonly List<DateTimeZone> zones = [];
        private readonly List<Entry> entries;
        private readonly List<ComplianceViolation> found = [];

        public PersonCheck(CadencePolicy policy, PersonTimeline timeline)
        {
            this.policy = policy;
            this.timeline = timeline;
            person = timeline.Initial;
            var order = 0;
            entries = [.. person.History.Select(a => new Entry(a, -1, null, order++))];
            for (var i = 0; i < timeline.Events.Length; i++)
            {
                if (timeline.Events[i] is ContactMade c)
                {
                    entries.Add(new Entry(c.Attempt, i, c.DecidedAt, order++));
                }
            }

            // Chronological; at the same instant, the initial history first, then the events in log order.
            entries.Sort((x, y) => x.Attempt.At != y.Attempt.At ? x.Attempt.At.CompareTo(y.Attempt.At) : x.Order.CompareTo(y.Order));
        }

        /// <summary>Whether the person has more than one account, so that messages name the account.</summary>
        private bool Several => person.Accounts.Length > 1;

        public ImmutableArray<ComplianceViolation> Run()
        {
            // The positions of the contacts to check: the outbound events, not the initial history.
            var outbound = Enumerable.Range(0, entries.Count).Where(i => entries[i].Event >= 0 && entries[i].Attempt.Direction == ContactDirection.Outbound).ToList();
            if (outbound.Count == 0)
            {
                return [];
            }

            foreach (var id in person.TimeZoneIds)
            {
                if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone)
                {
                    zones.Add(zone);
                }
                else
                {
                    foreach (var i in outbound)
                    {
                        Add(entries[i], ViolationKind.Window, "zone", [], $"the borrower's zone '{id}' is unknown, so no contact can be placed in its window");
                    }
                }
            }

            if (zones.Count == 0)
            {
                if (policy.DefaultZone is null)
                {
                    return [.. found];
                }

                zones.Add(policy.DefaultZone);
            }

            foreach (var index in outbound)
            {
                var e = entries[index];
                var before = entries.GetRange(0, index);
                var accounts = AccountsOf(e);
                var step = e.Attempt.StepId is { } stepId ? policy.Steps.FirstOrDefault(s => s.Id == stepId) : null;
                CheckHolds(e, step, accounts);
                if (step is not null)
                {
                    foreach (var account in accounts)
                    {
                        CheckStep(e, step, account, before);
                    }
                }

                if (e.Attempt.Channel == Channel.None)
                {
                    continue;
                }

                var points = PointsOf(e);
                CheckContactPoints(e, points, before);
                CheckWindows(e);
                CheckCaps(e, accounts, points, before);
                CheckCooldowns(e, accounts, points, before);
            }

            return [.. found];
        }

        /// <summary>The accounts a contact is about: those it names (an unknown one is a violation), or every account.</summary>
        private List<Account> AccountsOf(Entry e)
        {
            if (e.Attempt.AccountIds.IsDefaultOrEmpty)
            {
                return [.. person.Accounts];
            }

            var accounts = new List<Account>();
            foreach (var id in e.Attempt.AccountIds.Distinct(StringComparer.Ordinal))
            {
                if (person.Accounts.FirstOrDefault(a => a.AccountId == id) is { } account)
                {
                    accounts.Add(account);
                }
                else
                {
                    Add(e, ViolationKind.Step, "accounts", [], $"{DescribeContact(e)} about account '{id}', which the person does not have", RuleScope.Account, id);
                }
            }

            return accounts;
        }

        /// <summary>The points a contact used: the one it names (an unknown one is a violation), or every point of its channel.</summary>
        private List<ContactPoint> PointsOf(Entry e)
        {
            var channel = e.Attempt.Channel;
            var points = person.ContactPoints.Where(p => p.Channel == channel && (e.Attempt.ContactPointId is not { } id || p.Id == id)).ToList();
            if (points.Count == 0)
            {
                var what = e.Attempt.ContactPointId is { } id ? $"the borrower has no contact point '{id}' on it" : "the borrower has no contact point on it";
                Add(e, ViolationKind.ContactPoint, "contact-point:" + Name(channel), [], $"{DescribeContact(e)}, but {what}", RuleScope.ContactPoint, e.Attempt.ContactPointId ?? ContactPoint.DefaultId(channel));
            }

            return points;
        }

        private void Add(Entry e, ViolationKind kind, string rule, IEnumerable<Instant> related, string message, RuleScope? scope = null, string? key = null, string? accountId = null)
        {
            accountId ??= (scope == RuleScope.Account ? key : null)
                ?? (e.Attempt.AccountIds.IsDefaultOrEmpty ? person.Accounts.FirstOrDefault()?.AccountId : e.Attempt.AccountIds[0])
                ?? person.PersonId;
            found.Add(new ComplianceViolation(accountId, kind, rule, e.Attempt.At, [.. related], message, e.Event)
            {
                PersonId = person.PersonId,
                Scope = scope,
                ScopeKey = key,
            });
        }

        private DateTimeZone First => zones[0];

        private LocalDate DateOf(Instant instant) => instant.InZone(First).Date;

        private Instant StartOf(LocalDate date) => First.AtStartOfDay(date).ToInstant();

        private static string Format(Instant instant) => instant.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static string Name(Channel channel) => channel.ToString().ToLowerInvariant();

        /// <summary>
        /// Whether a rule from <paramref name="source"/> binds the person: it names no region, the person's regions are
        /// unknown (fail closed), or one of them equals, holds or lies in one of the rule's (<c>US</c> and <c>US-MA</c>).
        /// </summary>
        private bool Binds(RuleSource? source)
            => source is null || source.Regions.IsEmpty || person.Regions.IsEmpty
               || person.Regions.Any(mine => source.Regions.Any(r => string.Equals(mine, r, StringComparison.OrdinalIgnoreCase)
                   || mine.StartsWith(r + "-", StringComparison.OrdinalIgnoreCase) || r.StartsWith(mine + "-", StringComparison.OrdinalIgnoreCase)));

        /// <summary>
        /// The due date in force for a contact about an account: the initial one, or the one set by the last payment on
        /// it logged before the contact; <see langword="null"/> when nothing is owed (no due date, or a stated amount due
        /// of zero or less).
        /// </summary>
        private LocalDate? DueDateFor(Entry e, Account account)
        {
            if (account.AmountDue is { Currency: not null, Amount: <= 0 })
            {
                return null;
            }

            var due = account.DueDate;
            for (var i = 0; i < e.Event; i++)
            {
                if (timeline.Events[i] is PaymentMade p && p.At <= e.Attempt.At && (p.AccountId is null || p.AccountId == account.AccountId))
                {
                    due = p.NextDueDate;
                }
            }

            return due;
        }

        /// <summary>The holds known when a contact was made, with the scope they bind: the person's, and each account's it is about.</summary>
        private IEnumerable<(Hold Hold, RuleScope Scope, string Key)> HoldsBefore(Entry e, List<Account> accounts)
        {
            var placed = timeline.Events.Take(Math.Max(0, e.Event)).OfType<HoldPlaced>().ToList();
            var onPerson = person.Holds.Concat(placed.Where(h => h.AccountId is null).Select(h => h.Hold)).Distinct().Select(h => (h, RuleScope.Person, person.PersonId));
            var onAccounts = accounts.SelectMany(a => a.Holds.Concat(placed.Where(h => h.AccountId == a.AccountId).Select(h => h.Hold)).Distinct().Select(h => (h, RuleScope.Account, a.AccountId)));
            return onPerson.Concat(onAccounts);
        }

        private void CheckHolds(Entry e, CadenceStep? step, List<Account> accounts)
        {
            var channel = e.Attempt.Channel;
            var holds = HoldsBefore(e, accounts).ToList();
            foreach (var rule in policy.HoldRules.Where(r => Binds(r.Source)))
            {
                var blocks = step is not null
                    ? (rule.BlocksAllSteps && !rule.ExceptSteps.Contains(step.Id)) || rule.BlockedSteps.Contains(step.Id) || (step.Channel is { } c && rule.BlockedChannels.Contains(c))
                    : (rule.BlocksAllSteps && rule.ExceptSteps.IsEmpty) || rule.BlockedChannels.Contains(channel);
                if (!blocks)
                {
                    continue;
                }

                Instant[] moments = e.DecidedAt is { } decided && decided != e.Attempt.At ? [decided, e.Attempt.At] : [e.Attempt.At];
                foreach (var (hold, scope, key) in holds.Where(h => h.Hold.Kind == rule.Kind))
                {
                    var until = hold.Until;
                    // A promise to pay always lapses: at the end of its promised day plus the rule's grace (none: 0 days);
                    // another kind of hold by its promised date only when the rule gives grace days.
                    if (hold.PromisedDate is { } promised && (hold.Kind == HoldKind.PromiseToPay || rule.GraceDaysAfterPromisedDate is not null))
                    {
                        var lapse = StartOf(promised.PlusDays((rule.GraceDaysAfterPromisedDate ?? 0) + 1));
                        until = until is { } u && u < lapse ? u : lapse;
                    }

                    var at = moments.FirstOrDefault(m => hold.From <= m && (until is null || m < until.Value), Instant.MinValue);
                    if (at != Instant.MinValue)
                    {
                        var owner = scope == RuleScope.Person ? string.Empty : Several ? $" on account {key}" : string.Empty;
                        Add(e, ViolationKind.Hold, rule.Name, [hold.From], $"{DescribeContact(e)} while the {hold.Kind} hold{owner} from {Format(hold.From)}{(until is { } end ? " to " + Format(end) : string.Empty)} was in effect (at {Format(at)})", scope, key);
                    }
                }
            }
        }

        private void CheckStep(Entry e, CadenceStep step, Account account, List<Entry> before)
        {
            var at = e.Attempt.At;
            var id = account.AccountId;
            var about = Several ? $" about account {id}" : string.Empty;
            if (DueDateFor(e, account) is not { } due)
            {
                // A custom rule may propose a step whatever the due date says; only the policy's own steps need one.
                if (policy.CustomRules.IsEmpty)
                {
                    Add(e, ViolationKind.Step, step.Id, [], $"{DescribeContact(e)}{about}, but nothing was due", RuleScope.Account, id);
                }

                return;
            }

            var lastDay = step.ToDay is { } to ? due.PlusDays(to) : LocalDate.MaxIsoValue;
            var firstDay = due.PlusDays(step.FromDay);
            var decidedOn = DateOf(e.DecidedAt ?? at);
            // A custom rule may propose a step outside its days (AccountFacts.Propose): the days bind the policy's own steps.
            if (policy.CustomRules.IsEmpty && (DateOf(at) > lastDay || decidedOn < firstDay))
            {
                Add(e, ViolationKind.Step, step.Id, [], string.Create(CultureInfo.InvariantCulture, $"{DescribeContact(e)}{about} on {DateOf(at):uuuu-MM-dd}, outside the step's days {firstDay:uuuu-MM-dd} to {(step.ToDay is null ? "open" : lastDay.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture))} (due {due:uuuu-MM-dd})"), RuleScope.Account, id);
            }

            var cycleStart = StartOf(due.PlusDays(Math.Min(0, policy.Steps.Min(s => s.FromDay))));
            var served = before.Where(b => b.Attempt.StepId == step.Id && b.Attempt.Concerns(id) && (b.Attempt.Direction == ContactDirection.Outbound || b.Attempt.Channel == Channel.None)).ToList();
            var inCycle = served.Where(b => b.Attempt.At >= cycleStart).ToList();
            var allowed = step.MaxAttempts ?? (step.RepeatInterval is null && step.RepeatCalendarDays is null ? 1 : int.MaxValue);
            if (inCycle.Count >= allowed)
            {
                Add(e, ViolationKind.Step, step.Id, inCycle.Select(b => b.Attempt.At), string.Create(CultureInfo.InvariantCulture, $"{DescribeContact(e)}{about} after the step was already served {inCycle.Count} time(s) this cycle (at most {allowed})"), RuleScope.Account, id);
            }

            if (step.RepeatInterval is { } repeat && served.Count > 0 && served[^1].Attempt.At + repeat > at)
            {
                Add(e, ViolationKind.Step, step.Id, [served[^1].Attempt.At], $"{DescribeContact(e)}{about} less than {repeat} after the step's previous attempt at {Format(served[^1].Attempt.At)}", RuleScope.Account, id);
            }

            if (step.RepeatCalendarDays is { } days && served.Count > 0 && DateOf(at) < DateOf(served[^1].Attempt.At).PlusDays(days))
            {
                Add(e, ViolationKind.Step, step.Id, [served[^1].Attempt.At], string.Create(CultureInfo.InvariantCulture, $"{DescribeContact(e)}{about} fewer than {days} local day(s) after the step's previous attempt at {Format(served[^1].Attempt.At)}"), RuleScope.Account, id);
            }
        }

        private void CheckContactPoints(Entry e, List<ContactPoint> points, List<Entry> before)
        {
            var channel = e.Attempt.Channel;
            foreach (var point in points)
            {
                var which = points.Count > 1 || point.Id != ContactPoint.DefaultId(channel) ? $" (point {point.Id})" : string.Empty;
                string? why = point.OptedOut ? "the borrower opted out of it"
                    : policy.ConsentRequired.Contains(channel) && !point.ConsentGiven ? "it needs consent the borrower has not given"
                    : policy.WorkplaceRestricted.Contains(channel) && point.IsWorkplace ? "it is a workplace address the policy forbids"
                    : null;
                if (why is not null)
                {
                    Add(e, ViolationKind.ContactPoint, "contact-point:" + Name(channel), [], $"{DescribeContact(e)}, but {why}{which}", RuleScope.ContactPoint, point.Id);
                }

                foreach (var rule in policy.ExhaustionRules.Where(r => Binds(r.Source) && (r.Channels.IsEmpty || r.Channels.Contains(channel))))
                {
                    var failures = rule.FailureOutcomes;
                    bool Failed(Entry b) => b.Attempt.Outcome == ContactOutcome.Unknown || failures.Contains(b.Attempt.Outcome);

                    // Back from the latest attempt on the point, instant by instant: attempts at one instant have no order,
                    // so the failures among them count as the latest (fail closed), and a success among them ends the streak.
                    var streak = new List<Entry>();
                    foreach (var group in before
                        .Where(b => b.Attempt.Uses(point) && b.Attempt.Direction == ContactDirection.Outbound && (point.UpdatedAt is not { } u || b.Attempt.At >= u))
                        .GroupBy(b => b.Attempt.At)
                        .OrderByDescending(g => g.Key))
                    {
                        streak.AddRange(group.Where(Failed));
                        if (!group.All(Failed))
                        {
                            break;
                        }
                    }

                    if (streak.Count >= rule.ConsecutiveFailures)
                    {
                        Add(e, ViolationKind.Exhaustion, rule.Name, streak.Select(b => b.Attempt.At).Order(), $"{DescribeContact(e)} after {streak.Count} consecutive failures on the {(which.Length == 0 ? "channel" : "point")}{which} (exhausted at {rule.ConsecutiveFailures})", RuleScope.ContactPoint, point.Id);
                    }
                }
            }
        }

        private void CheckWindows(Entry e)
        {
            var channel = e.Attempt.Channel;
            foreach (var zone in zones)
            {
                var local = e.Attempt.At.InZone(zone).LocalDateTime;
                var kinds = local.DayOfWeek switch
                {
                    IsoDayOfWeek.Saturday => DayKinds.Saturday,
                    IsoDayOfWeek.Sunday => DayKinds.Sunday,
                    _ => DayKinds.Weekday,
                };
                if (policy.Holidays.IsHoliday(local.Date))
                {
                    kinds |= DayKinds.Holiday;
                }

                foreach (var w in policy.Windows.Where(w => Binds(w.Source) && (w.Channels.IsEmpty || w.Channels.Contains(channel)) && (w.Days & kinds) != 0))
                {
                    var time = local.TimeOfDay;
                    if (!w.Ranges.Any(r => time >= r.Start && (r.End == LocalTime.Midnight || time < r.End)))
                    {
                        Add(e, ViolationKind.Window, w.Name, [], string.Create(CultureInfo.InvariantCulture, $"{DescribeContact(e)} at {local:uuuu-MM-dd HH:mm} in {zone.Id} ({local.DayOfWeek}), outside {string.Join(", ", w.Ranges)}"));
                    }
                }
            }
        }

        /// <summary>
        /// Whether an attempt counts for a cap limited to kinds of contact point: it names a point of one of them, or
        /// names none or an unknown one (it could have been any point of its channel: it counts, failing closed).
        /// </summary>
        private bool OfKinds(FrequencyCap cap, ContactAttempt a)
            => cap.ContactPointKinds.IsEmpty
               || a.ContactPointId is not { } id
               || person.ContactPoints.FirstOrDefault(p => p.Id == id) is not { } point
               || cap.ContactPointKinds.Contains(point.Kind);

        /// <summary>The scope keys a cap or cooldown counts a contact at, each with the test of whether another attempt counts there too.</summary>
        private IEnumerable<(string Key, Func<ContactAttempt, bool> Shares)> Keys(RuleScope scope, List<Account> accounts, List<ContactPoint> points) => scope switch
        {
            RuleScope.Person => [(person.PersonId, _ => true)],
            RuleScope.Account => accounts.Select(a => (a.AccountId, (Func<ContactAttempt, bool>)(b => b.Concerns(a.AccountId)))),
            _ => points.Select(p => (p.Id, (Func<ContactAttempt, bool>)(b => b.Uses(p)))),
        };

        private string ScopeName(RuleScope scope, string key) => scope switch
        {
            RuleScope.Person => Several ? $" for person {key}" : string.Empty,
            RuleScope.Account => Several ? $" for account {key}" : string.Empty,
            _ => $" on point {key}",
        };

        private void CheckCaps(Entry e, List<Account> accounts, List<ContactPoint> points, List<Entry> before)
        {
            var at = e.Attempt.At;
            var date = DateOf(at);
            foreach (var cap in policy.Caps.Where(c => Binds(c.Source) && Counts(c.Counts, e.Attempt)))
            {
                // A cap limited to kinds of point binds a contact on a point of those kinds (one named, or any of its channel).
                if (!cap.ContactPointKinds.IsEmpty && !points.Any(p => cap.ContactPointKinds.Contains(p.Kind)))
                {
                    continue;
                }

                var inPeriod = before.Where(b => Counts(cap.Counts, b.Attempt) && OfKinds(cap, b.Attempt)).Where(b => cap.Period.Kind switch
                {
                    CapPeriodKind.Rolling => b.Attempt.At > at - cap.Period.Length,
                    CapPeriodKind.SlidingDays => DateOf(b.Attempt.At) > date.PlusDays(-cap.Period.Days),
                    CapPeriodKind.CalendarDay => DateOf(b.Attempt.At) == date,
                    CapPeriodKind.CalendarWeek => Monday(DateOf(b.Attempt.At)) == Monday(date),
                    _ => DateOf(b.Attempt.At).Year == date.Year && DateOf(b.Attempt.At).Month == date.Month,
                }).ToList();

                foreach (var (key, shares) in Keys(cap.Scope, accounts, points))
                {
                    var earlier = inPeriod.Where(b => shares(b.Attempt)).ToList();

                    // The contact itself is the last one counted.
                    if (earlier.Count + 1 > cap.Limit)
                    {
                        Add(e, ViolationKind.Cap, cap.Name, earlier.Select(b => b.Attempt.At), string.Create(CultureInfo.InvariantCulture, $"{DescribeContact(e)} is number {earlier.Count + 1} in {cap.Period}{ScopeName(cap.Scope, key)}, over the limit of {cap.Limit}"), cap.Scope, key);
                    }
                }
            }
        }

        private void CheckCooldowns(Entry e, List<Account> accounts, List<ContactPoint> points, List<Entry> before)
        {
            var at = e.Attempt.At;
            foreach (var c in policy.Cooldowns.Where(c => Binds(c.Source) && (c.Blocks.IsEmpty ? e.Attempt.Channel != Channel.None : c.Blocks.Contains(e.Attempt.Channel))))
            {
                foreach (var (key, shares) in Keys(c.Scope, accounts, points))
                {
                    foreach (var trigger in before.Where(b => Counts(c.Trigger, b.Attempt) && shares(b.Attempt)))
                    {
                        var end = c.Length.IsCalendarDays ? StartOf(DateOf(trigger.Attempt.At).PlusDays(c.Length.Days)) : trigger.Attempt.At + c.Length.Duration;
                        if (at < end)
                        {
                            Add(e, ViolationKind.Cooldown, c.Name, [trigger.Attempt.At], $"{DescribeContact(e)} before {Format(end)}, the end of the cooldown{ScopeName(c.Scope, key)} after the {trigger.Attempt.Channel} {trigger.Attempt.Direction} {trigger.Attempt.Outcome} at {Format(trigger.Attempt.At)}", c.Scope, key);
                        }
                    }
                }
            }
        }

        private static string DescribeContact(Entry e)
            => $"{e.Attempt.Channel} {(e.Attempt.StepId is { } s ? "step " + s + " " : string.Empty)}at {Format(e.Attempt.At)}";

        private static LocalDate Monday(LocalDate d) => d.PlusDays(1 - (int)d.DayOfWeek);

        private static bool Counts(AttemptFilter f, ContactAttempt a)
            => (f.Channels.IsEmpty ? a.Channel != Channel.None : f.Channels.Contains(a.Channel))
               && (a.Direction == ContactDirection.Outbound ? (f.Directions & DirectionFilter.Outbound) != 0 : (f.Directions & DirectionFilter.Inbound) != 0)
               && (f.Outcomes.IsEmpty || a.Outcome == ContactOutcome.Unknown || f.Outcomes.Contains(a.Outcome));
    }
}
