using Cadence.CustomRules;
using Cadence.Evaluation.Blocks;
using Cadence.Evaluation.Candidates;
using Cadence.Explanations;
using Cadence.Time;
using NodaTime;

namespace Cadence.Evaluation.Placement;

/// <summary>
/// Finds the earliest instant <c>t &gt;= now</c> at which a contact is allowed: inside the window in every zone of the
/// borrower, outside every cooldown, step repeat interval and upcoming hold, and under every cap — iterated to a fixed
/// point, within the step's window and the policy's horizon. Plain code shared by every evaluator.
/// </summary>
/// <remarks>
/// Caps count the attempts in the union of every window that would contain <c>t</c>; with no attempt booked after
/// now this is exactly the window ending at <c>t</c>, and with booked attempts it is stricter, so recording the
/// contact at <c>t</c> never breaks a cap. Cooldowns likewise look both ways: a booked attempt that the proposed
/// contact's own cooldown would cover also defers it (the outcome of the proposed contact is unknown, so it is assumed
/// to trigger every cooldown it could).
/// </remarks>
internal static class TemporalSolver
{
    private const int MaxIterations = 10_000;

    /// <summary>Places a candidate step in time, or says why it cannot be placed.</summary>
    /// <param name="compiled">The compiled policy.</param>
    /// <param name="facts">The facts of the account the candidate is about.</param>
    /// <param name="stepIndex">The candidate's step, by its position in the policy.</param>
    /// <param name="point">The contact point a contact would use; <see langword="null"/> for an escalation.</param>
    /// <param name="stepWindowEnd">When the step's day window ends; <see langword="null"/> when only the horizon limits it.</param>
    /// <param name="trace">Collects every deferral when explanations are on.</param>
    /// <returns>The placement.</returns>
    public static Placement Place(CompiledPolicy compiled, AccountFacts facts, int stepIndex, ContactPoint? point, Instant? stepWindowEnd, List<ExplanationReason>? trace)
        => Place(compiled, facts, stepIndex, compiled.Steps[stepIndex].Channel, point, stepWindowEnd, facts.Now, trace);

    /// <summary>
    /// Places a contact in time from <paramref name="from"/> on: a step's candidate (<paramref name="stepIndex"/> &gt;= 0)
    /// or a contact the host proposes that serves no step (<paramref name="stepIndex"/> &lt; 0, on
    /// <paramref name="channel"/>). Every scope the contact touches is checked: the person, the account of
    /// <paramref name="facts"/> and <paramref name="point"/>.
    /// </summary>
    public static Placement Place(CompiledPolicy compiled, AccountFacts facts, int stepIndex, Channel? channel, ContactPoint? point, Instant? stepWindowEnd, Instant from, List<ExplanationReason>? trace)
    {
        var policy = compiled.Policy;
        var step = stepIndex >= 0 ? policy.Steps[stepIndex] : null;
        var horizonEnd = facts.Now + policy.Horizon;
        var windowLimited = stepWindowEnd is { } swe && swe <= horizonEnd;
        var limit = windowLimited ? stepWindowEnd!.Value - Duration.Epsilon : horizonEnd;
        var dropReason = windowLimited ? ReasonCode.StepWindowEnded : ReasonCode.BeyondHorizon;
        var dropRule = windowLimited ? compiled.Names.Steps[stepIndex] : RuleNames.Horizon;
        var repeat = step is null ? null : StepTiming.NextRepeat(facts, step, stepIndex);
        var person = facts.Person;
        var t = from;

        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var start = t;

            for (var r = 0; r < compiled.HoldRules.Length; r++)
            {
                if (!compiled.HoldBlocks(r, stepIndex, channel) || !CompiledPolicy.AppliesTo(compiled.HoldRules[r].Source, person))
                {
                    continue;
                }

                var rule = compiled.HoldRules[r];
                foreach (var hold in facts.AllHolds)
                {
                    if (hold.Kind != rule.Kind)
                    {
                        continue;
                    }

                    var until = HoldBlocking.EffectiveUntil(facts, rule, hold);
                    if (hold.From <= t && (until is null || t < until))
                    {
                        if (until is null)
                        {
                            return new Placement(null, ReasonCode.HoldUpcoming, compiled.Names.HoldRules[r], null);
                        }

                        t = Move(t, until.Value, compiled.Names.HoldRules[r], ReasonCode.HoldUpcoming, trace);
                    }
                }
            }

            if (repeat is { } again && t < again)
            {
                t = Move(t, again, compiled.Names.Steps[stepIndex], ReasonCode.RepeatInterval, trace);
            }

            if (channel is not { } contact)
            {
                if (t > limit)
                {
                    return new Placement(null, dropReason, dropRule, t);
                }

                if (t == start)
                {
                    return new Placement(t, ReasonCode.Chosen, null, null);
                }

                continue;
            }

            for (var c = 0; c < policy.Cooldowns.Length; c++)
            {
                if (CompiledPolicy.AppliesTo(policy.Cooldowns[c].Source, person))
                {
                    t = ApplyCooldown(facts, point, policy.Cooldowns[c], compiled.Names.Cooldowns[c], contact, t, trace);
                }
            }

            for (var c = 0; c < policy.Caps.Length; c++)
            {
                var cap = policy.Caps[c];
                if (cap.Counts.CouldMatchOutbound(contact) && CompiledPolicy.AppliesTo(cap.Source, person) && OfKind(cap, point))
                {
                    t = ApplyCap(facts, point, cap, compiled.Names.Caps[c], t, trace);
                }
            }

            if (t > limit)
            {
                return new Placement(null, dropReason, dropRule, t);
            }

            var windows = compiled.WindowsFor(person);
            foreach (var zone in facts.Zones)
            {
                if (windows.NextOpen(zone, (int)contact, t, limit) is not { } open)
                {
                    return new Placement(null, dropReason, dropRule, null);
                }

                if (open != t)
                {
                    if (trace is not null)
                    {
                        var names = windows.NamesFor((int)contact, windows.KindsOf(LocalTimeResolution.DateOf(zone, t)));
                        trace.Add(new ExplanationReason(RuleNames.Window(names, zone.Id), ReasonCode.OutsideContactWindow, open));
                    }

                    t = open;
                }
            }

            if (t == start)
            {
                return new Placement(t, ReasonCode.Chosen, null, null);
            }
        }

        return new Placement(null, dropReason, dropRule, t);
    }

    private static Instant ApplyCooldown(AccountFacts facts, ContactPoint? point, Cooldown cooldown, string name, Channel channel, Instant t, List<ExplanationReason>? trace)
    {
        var blocks = cooldown.BlocksChannel(channel);
        var couldTrigger = cooldown.Trigger.CouldMatchOutbound(channel);
        if (!blocks && !couldTrigger)
        {
            return t;
        }

        var history = facts.History;
        var scoped = cooldown.Scope != RuleScope.Person;
        for (var i = 0; i < history.Length; i++)
        {
            var a = history[i];
            if (scoped && !InScope(cooldown.Scope, facts, point, a))
            {
                continue;
            }

            if (blocks && cooldown.Trigger.Matches(a))
            {
                var end = cooldown.Length.IsCalendarDays
                    ? LocalTimeResolution.StartOfDay(facts.PrimaryZone, facts.AttemptDate(i).PlusDays(cooldown.Length.Days))
                    : a.At + cooldown.Length.Duration;
                if (a.At <= t && t < end)
                {
                    t = Move(t, end, name, ReasonCode.Cooldown, trace);
                }
            }

            if (couldTrigger && a.At >= t && cooldown.BlocksChannel(a.Channel))
            {
                var ownEnd = cooldown.Length.IsCalendarDays
                    ? LocalTimeResolution.StartOfDay(facts.PrimaryZone, LocalTimeResolution.DateOf(facts.PrimaryZone, t).PlusDays(cooldown.Length.Days))
                    : t + cooldown.Length.Duration;
                if (a.At < ownEnd)
                {
                    t = Move(t, a.At + Duration.Epsilon, name, ReasonCode.Cooldown, trace);
                }
            }
        }

        return t;
    }

    private static Instant ApplyCap(AccountFacts facts, ContactPoint? point, FrequencyCap cap, string name, Instant t, List<ExplanationReason>? trace)
    {
        var zone = facts.PrimaryZone;
        var today = LocalTimeResolution.DateOf(zone, t);
        var period = cap.Period;
        var history = facts.History;
        var count = 0;
        for (var i = 0; i < history.Length; i++)
        {
            if (Counts(cap, facts, point, history[i]) && InUnion(period, t, today, facts, i))
            {
                count++;
            }
        }

        if (count < cap.Limit)
        {
            return t;
        }

        // The k-th oldest counted attempt must leave the window for the count to drop under the limit.
        var k = count - cap.Limit + 1;
        Instant free = t;
        switch (period.Kind)
        {
            case CapPeriodKind.CalendarDay:
                free = LocalTimeResolution.StartOfDay(zone, today.PlusDays(1));
                break;
            case CapPeriodKind.CalendarWeek:
                free = LocalTimeResolution.StartOfDay(zone, LocalTimeResolution.StartOfWeek(today).PlusDays(7));
                break;
            case CapPeriodKind.CalendarMonth:
                free = LocalTimeResolution.StartOfDay(zone, LocalTimeResolution.StartOfMonth(today).PlusMonths(1));
                break;
            default:
                for (var i = 0; i < history.Length; i++)
                {
                    if (Counts(cap, facts, point, history[i]) && InUnion(period, t, today, facts, i) && --k == 0)
                    {
                        free = period.Kind == CapPeriodKind.Rolling
                            ? history[i].At + period.Length
                            : LocalTimeResolution.StartOfDay(zone, facts.AttemptDate(i).PlusDays(period.Days));
                        break;
                    }
                }

                break;
        }

        return free > t ? Move(t, free, name, ReasonCode.CapReached, trace) : t + Duration.Epsilon;
    }

    /// <summary>Whether the cap counts <paramref name="a"/> for a contact on <paramref name="point"/> about the account of <paramref name="facts"/>.</summary>
    private static bool Counts(FrequencyCap cap, AccountFacts facts, ContactPoint? point, ContactAttempt a)
        => cap.Counts.Matches(a)
           && (cap.Scope == RuleScope.Person || InScope(cap.Scope, facts, point, a))
           && (cap.ContactPointKinds.IsEmpty || AttemptOfKind(cap.ContactPointKinds, facts.Person, a));

    /// <summary>Whether <paramref name="a"/> counts at <paramref name="scope"/> for a contact on <paramref name="point"/> about the account of <paramref name="facts"/>.</summary>
    private static bool InScope(RuleScope scope, AccountFacts facts, ContactPoint? point, ContactAttempt a) => scope switch
    {
        RuleScope.Account => a.Concerns(facts.AccountId),
        RuleScope.ContactPoint => point is null || a.Uses(point),
        _ => true,
    };

    /// <summary>Whether a cap limited to kinds of contact point restricts a contact on <paramref name="point"/>.</summary>
    private static bool OfKind(FrequencyCap cap, ContactPoint? point) => cap.ContactPointKinds.IsEmpty || (point is not null && cap.ContactPointKinds.Contains(point.Kind));

    /// <summary>
    /// Whether <paramref name="a"/> was made on a point of one of <paramref name="kinds"/>: its named point's kind, or,
    /// when it names none or an unknown one, any point of its channel (failing closed: it counts).
    /// </summary>
    private static bool AttemptOfKind(System.Collections.Immutable.ImmutableArray<ContactPointKind> kinds, PersonFacts person, ContactAttempt a)
    {
        if (a.ContactPointId is { } id && person.FindContactPoint(id) is { } named)
        {
            return kinds.Contains(named.Kind);
        }

        return true;
    }

    /// <summary>Whether an attempt lies in the union of every cap window that contains <paramref name="t"/>.</summary>
    private static bool InUnion(CapPeriod period, Instant t, LocalDate today, AccountFacts facts, int i) => period.Kind switch
    {
        CapPeriodKind.Rolling => facts.History[i].At > t - period.Length && facts.History[i].At < t + period.Length,
        CapPeriodKind.SlidingDays => facts.AttemptDate(i) > today.PlusDays(-period.Days) && facts.AttemptDate(i) < today.PlusDays(period.Days),
        CapPeriodKind.CalendarDay => facts.AttemptDate(i) == today,
        CapPeriodKind.CalendarWeek => LocalTimeResolution.StartOfWeek(facts.AttemptDate(i)) == LocalTimeResolution.StartOfWeek(today),
        _ => facts.AttemptDate(i).Year == today.Year && facts.AttemptDate(i).Month == today.Month,
    };

    /// <summary>Moves <paramref name="from"/> forward to <paramref name="to"/>, noting the rule when a trace is kept.</summary>
    private static Instant Move(Instant from, Instant to, string rule, ReasonCode code, List<ExplanationReason>? trace)
    {
        if (to <= from)
        {
            return from;
        }

        trace?.Add(new ExplanationReason(rule, code, to));
        return to;
    }
}
