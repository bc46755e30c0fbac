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
/// account's initial history and the earlier events. The initial history is taken as given and is not itself checked.
/// Caps count the attempts up to and including the checked one, so that the contact that exceeds a cap is the one
/// reported. Calendar days, weeks and months are those of the borrower's first zone.
/// </para>
/// <para>Thread-safe; the checker holds no state between calls.</para>
/// </remarks>
public sealed class ComplianceChecker
{
    private readonly Func<AccountTimeline, CadencePolicy> policyFor;

    /// <summary>Creates a checker for one policy.</summary>
    /// <param name="policy">The rules every contact must keep.</param>
    public ComplianceChecker(CadencePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policyFor = _ => policy;
    }

    /// <summary>Creates a checker for an experiment: each account is checked against its variant's policy.</summary>
    /// <param name="experiment">The experiment.</param>
    public ComplianceChecker(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        policyFor = t => t.Variant is { } v ? experiment[v].Policy : experiment.Assign(t.AccountId).Policy;
    }

    /// <summary>Checks every outbound contact of one account.</summary>
    /// <param name="timeline">The account's starting state and events.</param>
    /// <returns>The violations, in the order of the contacts.</returns>
    public ImmutableArray<ComplianceViolation> Check(AccountTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return new AccountCheck(policyFor(timeline), timeline).Run();
    }

    /// <summary>Checks every outbound contact of every account.</summary>
    /// <param name="timelines">The accounts.</param>
    /// <returns>The violations, account by account.</returns>
    public ImmutableArray<ComplianceViolation> Check(IEnumerable<AccountTimeline> timelines)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        return [.. timelines.SelectMany(t => Check(t))];
    }

    /// <summary>An attempt of the account, from its initial history (<see cref="Event"/> -1) or from an event.</summary>
    private sealed record Entry(ContactAttempt Attempt, int Event, Instant? DecidedAt, int Order);

    private sealed class AccountCheck
    {
        private readonly CadencePolicy policy;
        private readonly AccountTimeline timeline;
        private readonly List<DateTimeZone> zones = [];
        private readonly List<Entry> entries;
        private readonly List<ComplianceViolation> found = [];

        public AccountCheck(CadencePolicy policy, AccountTimeline timeline)
        {
            this.policy = policy;
            this.timeline = timeline;
            var order = 0;
            entries = [.. timeline.Initial.History.Select(a => new Entry(a, -1, null, order++))];
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

        private string AccountId => timeline.AccountId;

        public ImmutableArray<ComplianceViolation> Run()
        {
            // The positions of the contacts to check: the outbound events, not the initial history.
            var outbound = Enumerable.Range(0, entries.Count).Where(i => entries[i].Event >= 0 && entries[i].Attempt.Direction == ContactDirection.Outbound).ToList();
            if (outbound.Count == 0)
            {
                return [];
            }

            foreach (var id in timeline.Initial.TimeZoneIds)
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
                var step = e.Attempt.StepId is { } stepId ? policy.Steps.FirstOrDefault(s => s.Id == stepId) : null;
                CheckHolds(e, step);
                if (step is not null)
                {
                    CheckStep(e, step, before);
                }

                if (e.Attempt.Channel == Channel.None)
                {
                    continue;
                }

                CheckContactPoint(e, before);
                CheckWindows(e);
                CheckCaps(e, before);
                CheckCooldowns(e, before);
            }

            return [.. found];
        }

        private void Add(Entry e, ViolationKind kind, string rule, IEnumerable<Instant> related, string message)
            => found.Add(new ComplianceViolation(AccountId, kind, rule, e.Attempt.At, [.. related], message, e.Event));

        private DateTimeZone First => zones[0];

        private LocalDate DateOf(Instant instant) => instant.InZone(First).Date;

        private Instant StartOf(LocalDate date) => First.AtStartOfDay(date).ToInstant();

        private static string Format(Instant instant) => instant.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        /// <summary>
        /// The due date in force for a contact: the initial one, or the one set by the last payment logged before it;
        /// <see langword="null"/> when nothing is owed (no due date, or a stated amount due of zero or less).
        /// </summary>
        private LocalDate? DueDateFor(Entry e)
        {
            if (timeline.Initial.AmountDue is { Currency: not null, Amount: <= 0 })
            {
                return null;
            }

            var due = timeline.Initial.DueDate;
            for (var i = 0; i < e.Event; i++)
            {
                if (timeline.Events[i] is PaymentMade p && p.At <= e.Attempt.At)
                {
                    due = p.NextDueDate;
                }
            }

            return due;
        }

        /// <summary>The holds known when a contact was made: the initial ones and those logged before it.</summary>
        private IEnumerable<Hold> HoldsBefore(Entry e)
            => timeline.Initial.Holds.Concat(timeline.Events.Take(Math.Max(0, e.Event)).OfType<HoldPlaced>().Select(h => h.Hold));

        private void CheckHolds(Entry e, CadenceStep? step)
        {
            var channel = e.Attempt.Channel;
            foreach (var rule in policy.HoldRules)
            {
                var blocks = step is not null
                    ? (rule.BlocksAllSteps && !rule.ExceptSteps.Contains(step.Id)) || rule.BlockedSteps.Contains(step.Id) || (step.Channel is { } c && rule.BlockedChannels.Contains(c))
                    : (rule.BlocksAllSteps && rule.ExceptSteps.IsEmpty) || rule.BlockedChannels.Contains(channel);
                if (!blocks)
                {
                    continue;
                }

                Instant[] moments = e.DecidedAt is { } decided && decided != e.Attempt.At ? [decided, e.Attempt.At] : [e.Attempt.At];
                foreach (var hold in HoldsBefore(e).Where(h => h.Kind == rule.Kind).Distinct())
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
                        Add(e, ViolationKind.Hold, rule.Name, [hold.From], $"{DescribeContact(e)} while the {hold.Kind} hold from {Format(hold.From)}{(until is { } end ? " to " + Format(end) : string.Empty)} was in effect (at {Format(at)})");
                    }
                }
            }
        }

        private void CheckStep(Entry e, CadenceStep step, List<Entry> before)
        {
            var at = e.Attempt.At;
            if (DueDateFor(e) is not { } due)
            {
                // A custom rule may propose a step whatever the due date says; only the policy's own steps need one.
                if (policy.CustomRules.IsEmpty)
                {
                    Add(e, ViolationKind.Step, step.Id, [], $"{DescribeContact(e)}, but nothing was due");
                }

                return;
            }

            var lastDay = step.ToDay is { } to ? due.PlusDays(to) : LocalDate.MaxIsoValue;
            var firstDay = due.PlusDays(step.FromDay);
            var decidedOn = DateOf(e.DecidedAt ?? at);
            // A custom rule may propose a step outside its days (AccountFacts.Propose): the days bind the policy's own steps.
            if (policy.CustomRules.IsEmpty && (DateOf(at) > lastDay || decidedOn < firstDay))
            {
                Add(e, ViolationKind.Step, step.Id, [], string.Create(CultureInfo.InvariantCulture, $"{DescribeContact(e)} on {DateOf(at):uuuu-MM-dd}, outside the step's days {firstDay:uuuu-MM-dd} to {(step.ToDay is null ? "open" : lastDay.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture))} (due {due:uuuu-MM-dd})"));
            }

            var cycleStart = StartOf(due.PlusDays(Math.Min(0, policy.Steps.Min(s => s.FromDay))));
            var served = before.Where(b => b.Attempt.StepId == step.Id && (b.Attempt.Direction == ContactDirection.Outbound || b.Attempt.Channel == Channel.None)).ToList();
            var inCycle = served.Where(b => b.Attempt.At >= cycleStart).ToList();
            var allowed = step.MaxAttempts ?? (step.RepeatInterval is null && step.RepeatCalendarDays is null ? 1 : int.MaxValue);
            if (inCycle.Count >= allowed)
            {
                Add(e, ViolationKind.Step, step.Id, inCycle.Select(b => b.Attempt.At), string.Create(CultureInfo.InvariantCulture, $"{DescribeContact(e)} after the step was already served {inCycle.Count} time(s) this cycle (at most {allowed})"));
            }

            if (step.RepeatInterval is { } repeat && served.Count > 0 && served[^1].Attempt.At + repeat > at)
            {
                Add(e, ViolationKind.Step, step.Id, [served[^1].Attempt.At], $"{DescribeContact(e)} less than {repeat} after the step's previous attempt at {Format(served[^1].Attempt.At)}");
            }

            if (step.RepeatCalendarDays is { } days && served.Count > 0 && DateOf(at) < DateOf(served[^1].Attempt.At).PlusDays(days))
            {
                Add(e, ViolationKind.Step, step.Id, [served[^1].Attempt.At], string.Create(CultureInfo.InvariantCulture, $"{DescribeContact(e)} fewer than {days} local day(s) after the step's previous attempt at {Format(served[^1].Attempt.At)}"));
            }
        }

        private void CheckContactPoint(Entry e, List<Entry> before)
        {
            var channel = e.Attempt.Channel;
            var point = timeline.Initial.ContactPoints.FirstOrDefault(p => p.Channel == channel);
            string? why = point is null ? "the borrower has no contact point on it"
                : point.OptedOut ? "the borrower opted out of it"
                : policy.ConsentRequired.Contains(channel) && !point.ConsentGiven ? "it needs consent the borrower has not given"
                : policy.WorkplaceRestricted.Contains(channel) && point.IsWorkplace ? "it is a workplace address the policy forbids"
                : null;
            if (why is not null)
            {
                Add(e, ViolationKind.ContactPoint, "contact-point:" + channel.ToString().ToLowerInvariant(), [], $"{DescribeContact(e)}, but {why}");
            }

            foreach (var rule in policy.ExhaustionRules.Where(r => r.Channels.IsEmpty || r.Channels.Contains(channel)))
            {
                var failures = rule.FailureOutcomes;
                // Back from the latest attempt, instant by instant: attempts at one instant have no order, so the
                // failures among them count as the latest (fail closed), and a success among them ends the streak.
                var streak = new List<Entry>();
                foreach (var group in before
                    .Where(b => b.Attempt.Channel == channel && b.Attempt.Direction == ContactDirection.Outbound && (point?.UpdatedAt is not { } u || b.Attempt.At >= u))
                    .GroupBy(b => b.Attempt.At)
                    .OrderByDescending(g => g.Key))
                {
                    streak.AddRange(group.Where(b => failures.Contains(b.Attempt.Outcome)));
                    if (group.Any(b => !failures.Contains(b.Attempt.Outcome)))
                    {
                        break;
                    }
                }

                if (streak.Count >= rule.ConsecutiveFailures)
                {
                    Add(e, ViolationKind.Exhaustion, rule.Name, streak.Select(b => b.Attempt.At).Order(), $"{DescribeContact(e)} after {streak.Count} consecutive failures on the channel (exhausted at {rule.ConsecutiveFailures})");
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

                foreach (var w in policy.Windows.Where(w => (w.Channels.IsEmpty || w.Channels.Contains(channel)) && (w.Days & kinds) != 0))
                {
                    var time = local.TimeOfDay;
                    if (!w.Ranges.Any(r => time >= r.Start && (r.End == LocalTime.Midnight || time < r.End)))
                    {
                        Add(e, ViolationKind.Window, w.Name, [], string.Create(CultureInfo.InvariantCulture, $"{DescribeContact(e)} at {local:uuuu-MM-dd HH:mm} in {zone.Id} ({local.DayOfWeek}), outside {string.Join(", ", w.Ranges)}"));
                    }
                }
            }
        }

        private void CheckCaps(Entry e, List<Entry> before)
        {
            var at = e.Attempt.At;
            foreach (var cap in policy.Caps.Where(c => Counts(c.Counts, e.Attempt)))
            {
                var date = DateOf(at);
                var earlier = before.Where(b => Counts(cap.Counts, b.Attempt)).Where(b => cap.Period.Kind switch
                {
                    CapPeriodKind.Rolling => b.Attempt.At > at - cap.Period.Length,
                    CapPeriodKind.SlidingDays => DateOf(b.Attempt.At) > date.PlusDays(-cap.Period.Days),
                    CapPeriodKind.CalendarDay => DateOf(b.Attempt.At) == date,
                    CapPeriodKind.CalendarWeek => Monday(DateOf(b.Attempt.At)) == Monday(date),
                    _ => DateOf(b.Attempt.At).Year == date.Year && DateOf(b.Attempt.At).Month == date.Month,
                }).ToList();

                // The contact itself is the last one counted.
                if (earlier.Count + 1 > cap.Limit)
                {
                    Add(e, ViolationKind.Cap, cap.Name, earlier.Select(b => b.Attempt.At), string.Create(CultureInfo.InvariantCulture, $"{DescribeContact(e)} is number {earlier.Count + 1} in {cap.Period}, over the limit of {cap.Limit}"));
                }
            }
        }

        private void CheckCooldowns(Entry e, List<Entry> before)
        {
            var at = e.Attempt.At;
            foreach (var c in policy.Cooldowns.Where(c => c.Blocks.IsEmpty ? e.Attempt.Channel != Channel.None : c.Blocks.Contains(e.Attempt.Channel)))
            {
                foreach (var trigger in before.Where(b => Counts(c.Trigger, b.Attempt)))
                {
                    var end = c.Length.IsCalendarDays ? StartOf(DateOf(trigger.Attempt.At).PlusDays(c.Length.Days)) : trigger.Attempt.At + c.Length.Duration;
                    if (at < end)
                    {
                        Add(e, ViolationKind.Cooldown, c.Name, [trigger.Attempt.At], $"{DescribeContact(e)} before {Format(end)}, the end of the cooldown after the {trigger.Attempt.Channel} {trigger.Attempt.Direction} {trigger.Attempt.Outcome} at {Format(trigger.Attempt.At)}");
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
               && (f.Outcomes.IsEmpty || f.Outcomes.Contains(a.Outcome));
    }
}
