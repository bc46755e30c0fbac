using System.Collections.Frozen;
using System.Collections.Immutable;
using NodaTime;

namespace Cadence.Benchmarks;

/// <summary>
/// What the hand-written baseline decides for a person: a contact or escalation, its step, when, the account it is
/// about and the contact point it uses (positions in the person's arrays; -1 for none), or no contact (<see cref="DecisionKind.None"/>).
/// </summary>
public readonly record struct BaselineDecision(DecisionKind Kind, int Step, Instant NotBefore, int Account, int Point);

/// <summary>
/// Straight C# for exactly the reference policy (the lender cadence with the Regulation F or the 230-FZ pack of
/// <see cref="ReferencePolicies"/>) on persons, no engine: the practical ceiling. It knows its steps, windows, caps,
/// cooldowns and holds by heart; counts Regulation F's calls and conversations per account (the attempts that
/// concerned it), 230-FZ's per person, failures per contact point; reads the history once, in any order; and allocates
/// nothing per person. Local dates and day boundaries come from tables made once per zone around the evaluation
/// instant (the zone's offsets in force from 200 days before it to 400 days after, and each day's start and contact
/// window in the 180 days around it), so the hot path never converts through a zone.
/// </summary>
/// <remarks>
/// Unlike the engine it does not say when to look again for a person it cannot contact (a wait, a suppression and
/// nothing due are all <see cref="DecisionKind.None"/>), and it does not model holds that begin after the evaluation
/// instant (the workload has none). It is not thread-safe (one instance per thread).
/// </remarks>
public sealed class HandWrittenBaseline
{
    private const long TicksPerDay = NodaConstants.TicksPerDay;
    private const long TicksPerHour = NodaConstants.TicksPerHour;
    private const int StepCount = 11;
    private const int UnixEpochDayNumber = 719_162; // DateOnly.DayNumber of 1970-01-01
    private const int HistoryDays = 48; // attempts are at most 45 days old; a month cap looks back at most 30 days

    // The steps of ReferencePolicies.Lender, in declaration order.
    private static readonly (string Id, Channel Channel, int From, int To, long RepeatTicks, int Priority)[] Steps =
    [
        ("email-pre-due", Channel.Email, -7, -3, 0, 10),
        ("sms-pre-due", Channel.Sms, -2, -1, 0, 20),
        ("call-pre-due", Channel.Call, -2, -2, 0, 15),
        ("autopay-reminder", Channel.Sms, -1, -1, 0, 25),
        ("sms-overdue", Channel.Sms, 1, 29, 3 * TicksPerDay, 30),
        ("call-overdue", Channel.Call, 3, 59, 1 * TicksPerDay, 40),
        ("letter-overdue", Channel.Letter, 7, 14, 0, 60),
        ("offer-restructuring", Channel.Email, 15, 29, 0, 55),
        ("debt-advice-referral", Channel.Letter, 30, 45, 0, 50),
        ("bureau-notice", Channel.None, 60, 89, 0, 70),
        ("agency-placement", Channel.None, 90, 365, 0, 80),
    ];

    private const int SmsOverdue = 4;
    private const int CallOverdue = 5;
    private const int EarliestFromDay = -7;

    // Steps a hold blocks (bits by step index), by the lender's hold rules.
    private const int AllSteps = (1 << StepCount) - 1;
    private const int DisputeSteps = 0b000_1011_1111; // every step on calls, texts and e-mail
    private const int PromiseSteps = (1 << SmsOverdue) | (1 << CallOverdue);

    /// <summary>The policy's preference among kinds of contact point: mobile, landline, work, personal e-mail, work e-mail, then the others.</summary>
    private static readonly int[] PointRank = BuildPointRank();

    private static readonly FrozenDictionary<string, int> StepIndex =
        Enumerable.Range(0, StepCount).ToFrozenDictionary(s => Steps[s].Id, StringComparer.Ordinal);

    private readonly bool regulationF;
    private readonly long now;
    private readonly long horizonEnd;
    private readonly FrozenDictionary<string, ZoneClock> zones;
    private readonly ZoneClock defaultZone;

    public HandWrittenBaseline(bool regulationF, Instant now)
    {
        this.regulationF = regulationF;
        this.now = now.ToUnixTimeTicks();
        horizonEnd = this.now + (35 * TicksPerDay);
        zones = ReferenceWorkload.Zones.ToFrozenDictionary(id => id, id => new ZoneClock(DateTimeZoneProviders.Tzdb[id], now, regulationF), StringComparer.Ordinal);
        defaultZone = zones["America/New_York"];
    }

    public static string StepId(int step) => Steps[step].Id;

    public BaselineDecision Decide(Person person)
    {
        var accounts = person.Accounts;
        var points = person.ContactPoints;
        var n = accounts.Length;
        var np = points.Length;
        if (n == 0 || n > 16 || np > 32)
        {
            return default; // not this workload
        }

        var ids = person.TimeZoneIds;
        var z0 = ids.Length == 0 ? defaultZone : zones[ids[0]];
        var z1 = ids.Length > 1 && !ReferenceEquals(ids[1], ids[0]) && ids[1] != ids[0] ? zones[ids[1]] : null;
        var today = z0.Today;

        // Per account: day from due (int.MinValue: nothing owed), the start of its cycle, its blocked steps.
        Span<int> dayFromDue = stackalloc int[n];
        Span<int> dueDay = stackalloc int[n];
        Span<long> cycleStart = stackalloc long[n];
        Span<int> blocked = stackalloc int[n];
        var personBlocked = HoldMask(person.Holds, z0);
        for (var k = 0; k < n; k++)
        {
            var a = accounts[k];
            blocked[k] = personBlocked | HoldMask(a.Holds, z0);
            if (a.DueDate is { } due && (a.AmountDue.Currency is null || a.AmountDue.Amount > 0))
            {
                dueDay[k] = due.ToDateOnly().DayNumber - UnixEpochDayNumber;
                dayFromDue[k] = today - dueDay[k];
                cycleStart[k] = z0.StartOfDay(dueDay[k] + EarliestFromDay);
            }
            else
            {
                dayFromDue[k] = int.MinValue;
            }
        }

        // One pass over the history, in any order.
        Span<int> served = stackalloc int[n * StepCount];
        Span<long> lastServed = stackalloc long[n * StepCount];
        lastServed.Fill(long.MinValue);

        // Per contact point: the latest success made by now, and the three latest failures (since it was last updated).
        Span<long> updated = stackalloc long[np];
        Span<long> lastSuccess = stackalloc long[np];
        Span<long> failures = stackalloc long[np * 3];
        lastSuccess.Fill(long.MinValue);
        failures.Fill(long.MinValue);
        for (var j = 0; j < np; j++)
        {
            updated[j] = points[j].UpdatedAt is { } u ? u.ToUnixTimeTicks() : long.MinValue;
        }

        // Regulation F, per account: placed calls on each of the last 7 local days, the last conversation's day, a call at now.
        // 230-FZ, per person: conversations and texts on each of the last local days.
        Span<int> calls = stackalloc int[regulationF ? n * 7 : 0];
        Span<int> lastConversation = stackalloc int[regulationF ? n : 0];
        Span<bool> callAtNow = stackalloc bool[regulationF ? n : 0];
        lastConversation.Fill(int.MinValue);
        Span<int> conversations = stackalloc int[regulationF ? 0 : HistoryDays];
        Span<int> texts = stackalloc int[regulationF ? 0 : HistoryDays];

        var all = (1 << n) - 1;
        foreach (var h in person.History)
        {
            var at = h.At.ToUnixTimeTicks();
            var channel = h.Channel;
            var outbound = h.Direction == ContactDirection.Outbound;
            var concerned = h.AccountIds.IsEmpty ? all : Concerned(h.AccountIds, accounts);

            if (h.StepId is { } stepId && (outbound || channel == Channel.None) && StepIndex.TryGetValue(stepId, out var s))
            {
                for (var k = 0; k < n; k++)
                {
                    if ((concerned & (1 << k)) != 0)
                    {
                        var i = (k * StepCount) + s;
                        if (dayFromDue[k] == int.MinValue || at >= cycleStart[k])
                        {
                            served[i]++;
                        }

                        lastServed[i] = Math.Max(lastServed[i], at);
                    }
                }
            }

            if (outbound && channel != Channel.None)
            {
                var failed = h.Outcome is ContactOutcome.Failed or ContactOutcome.Bounced or ContactOutcome.WrongParty or ContactOutcome.Unknown; // unknown: fail closed
                for (var j = 0; j < np; j++)
                {
                    var p = points[j];
                    if (p.Channel != channel || (h.ContactPointId is { } pid && !ReferenceEquals(pid, p.Id) && pid != p.Id) || at < updated[j])
                    {
                        continue;
                    }

                    if (failed)
                    {
                        KeepLatest(failures.Slice(j * 3, 3), at);
                    }
                    else if (at <= now && at > lastSuccess[j])
                    {
                        lastSuccess[j] = at;
                    }
                }
            }

            if (regulationF)
            {
                if (channel != Channel.Call)
                {
                    continue;
                }

                var day = z0.DayOf(at);
                var back = today - day;
                var conversation = h.Outcome is ContactOutcome.Conversation or ContactOutcome.Unknown;
                for (var k = 0; k < n; k++)
                {
                    if ((concerned & (1 << k)) == 0)
                    {
                        continue;
                    }

                    if (outbound && (uint)back < 7)
                    {
                        calls[(k * 7) + back]++;
                    }

                    if (conversation && day > lastConversation[k])
                    {
                        lastConversation[k] = day;
                    }

                    callAtNow[k] |= at == now;
                }
            }
            else if (outbound && (channel == Channel.Sms || (channel == Channel.Call && h.Outcome is ContactOutcome.Conversation or ContactOutcome.Unknown)))
            {
                var back = today - z0.DayOf(at);
                if ((uint)back < HistoryDays)
                {
                    (channel == Channel.Sms ? texts : conversations)[back]++;
                }
            }
        }

        // The best usable point of each channel: not opted out, not a restricted workplace, not exhausted.
        Span<int> usable = stackalloc int[8];
        usable.Fill(-1);
        for (var j = 0; j < np; j++)
        {
            var p = points[j];
            if (p.OptedOut || (p.IsWorkplace && p.Channel is Channel.Email or Channel.Sms) || (failures[(j * 3) + 2] != long.MinValue && failures[(j * 3) + 2] >= lastSuccess[j]))
            {
                continue;
            }

            var c = (int)p.Channel;
            if ((uint)c < 8 && (usable[c] < 0 || PointBefore(p, points[usable[c]])))
            {
                usable[c] = j;
            }
        }

        // Each account's best candidate, then the person's: the best contact, else the best escalation.
        Span<int> bestStep = stackalloc int[n];
        Span<long> bestAt = stackalloc long[n];
        Span<bool> bestEpsilon = stackalloc bool[n];
        for (var k = 0; k < n; k++)
        {
            bestStep[k] = -1;
            var day = dayFromDue[k];
            if (day == int.MinValue)
            {
                continue;
            }

            var a = accounts[k];
            for (var s = 0; s < StepCount; s++)
            {
                ref readonly var step = ref Steps[s];
                if (day < step.From || day > step.To || (served[(k * StepCount) + s] >= 1 && step.RepeatTicks == 0)
                    || (s is 1 or 2 && a.Autopay) || (s == 3 && !a.Autopay) || (s == 7 && a.AmountDue.Amount < 100m)
                    || (blocked[k] & (1 << s)) != 0)
                {
                    continue;
                }

                long at;
                var epsilon = false;
                if (step.Channel == Channel.None)
                {
                    at = now;
                }
                else
                {
                    if (usable[(int)step.Channel] < 0)
                    {
                        continue;
                    }

                    var windowEnd = z0.StartOfDay(dueDay[k] + step.To + 1);
                    var limit = windowEnd <= horizonEnd ? windowEnd - 1 : horizonEnd;
                    var from = now;
                    if (step.RepeatTicks > 0 && lastServed[(k * StepCount) + s] is var last && last != long.MinValue)
                    {
                        from = Math.Max(from, last + step.RepeatTicks);
                    }

                    at = step.Channel == Channel.Call && regulationF
                        ? Place(Channel.Call, from, limit, z0, z1, calls.Slice(k * 7, 7), lastConversation[k], default, default)
                        : Place(step.Channel, from, limit, z0, z1, default, int.MinValue, conversations, texts);
                    if (at == long.MinValue)
                    {
                        continue;
                    }

                    // An attempt at this very instant has no order against the proposed call, which could turn out to be a
                    // conversation: the call goes a nanosecond later (as the engine's cooldown does).
                    epsilon = at == now && regulationF && step.Channel == Channel.Call && callAtNow[k];
                }

                if (bestStep[k] < 0 || Ranks(s, at, epsilon, bestStep[k], bestAt[k], bestEpsilon[k]))
                {
                    bestStep[k] = s;
                    bestAt[k] = at;
                    bestEpsilon[k] = epsilon;
                }
            }
        }

        var chosen = -1;
        for (var pass = 0; pass < 2 && chosen < 0; pass++)
        {
            for (var k = 0; k < n; k++)
            {
                var s = bestStep[k];
                if (s >= 0 && (pass == 1 || Steps[s].Channel != Channel.None)
                    && (chosen < 0 || Outranks(k, chosen, bestStep, bestAt, bestEpsilon, usable, points, accounts)))
                {
                    chosen = k;
                }
            }
        }

        if (chosen < 0)
        {
            return default;
        }

        var best = bestStep[chosen];
        var notBefore = Instant.FromUnixTimeTicks(bestAt[chosen]);
        return Steps[best].Channel == Channel.None
            ? new BaselineDecision(DecisionKind.Escalate, best, notBefore, chosen, -1)
            : new BaselineDecision(DecisionKind.Contact, best, bestEpsilon[chosen] ? notBefore + Duration.Epsilon : notBefore, chosen, usable[(int)Steps[best].Channel]);
    }

    /// <summary>The earliest instant from <paramref name="from"/> on, no later than <paramref name="limit"/>, at which a contact on <paramref name="channel"/> is allowed; <see cref="long.MinValue"/> for none.</summary>
    private long Place(Channel channel, long from, long limit, ZoneClock z0, ZoneClock? z1, ReadOnlySpan<int> calls, int lastConversation, ReadOnlySpan<int> conversations, ReadOnlySpan<int> texts)
    {
        var t = from;
        for (var round = 0; round < 64; round++)
        {
            var start = t;
            if (regulationF)
            {
                if (channel == Channel.Call)
                {
                    // No call for 7 local days after a conversation (its day is day 1); at most 7 placed calls in 7 local days.
                    if (lastConversation != int.MinValue)
                    {
                        t = Math.Max(t, z0.StartOfDay(lastConversation + 7));
                    }

                    t = SevenInSeven(t, z0, calls);
                }
            }
            else if (channel == Channel.Call)
            {
                t = CalendarCaps(t, z0, conversations, 1, 2, 8);
            }
            else if (channel == Channel.Sms)
            {
                t = CalendarCaps(t, z0, texts, 2, 4, 16);
            }

            if (t > limit)
            {
                return long.MinValue;
            }

            t = z0.NextOpen(t, limit);
            if (t != long.MinValue && z1 is not null)
            {
                t = z1.NextOpen(t, limit);
            }

            if (t == long.MinValue)
            {
                return long.MinValue;
            }

            if (t == start)
            {
                return t;
            }
        }

        return long.MinValue;
    }

    /// <summary>Regulation F: the 7 local days ending on t's day may hold at most 6 earlier calls for one more to be placed.</summary>
    private static long SevenInSeven(long t, ZoneClock z0, ReadOnlySpan<int> calls)
    {
        var day = z0.DayOf(t);
        var oldest = Math.Max(day - 6, z0.Today - 6);
        var count = 0;
        for (var d = oldest; d <= z0.Today; d++)
        {
            count += calls[z0.Today - d];
        }

        if (count < 7)
        {
            return t;
        }

        // The (count - 6)-th oldest call must leave the 7 days.
        var k = count - 6;
        for (var d = oldest; ; d++)
        {
            k -= calls[z0.Today - d];
            if (k <= 0)
            {
                return Math.Max(t, z0.StartOfDay(d + 7));
            }
        }
    }

    /// <summary>230-FZ: at most so many per local calendar day, week (from Monday) and month, tried in that order.</summary>
    private static long CalendarCaps(long t, ZoneClock z0, ReadOnlySpan<int> perDay, int dayLimit, int weekLimit, int monthLimit)
    {
        var day = z0.DayOf(t);
        if (Count(perDay, z0.Today, day, day) >= dayLimit)
        {
            t = z0.StartOfDay(day + 1);
            day++;
        }

        var week = day - (int)DayOfWeek(day) + 1;
        if (Count(perDay, z0.Today, week, week + 6) >= weekLimit)
        {
            t = z0.StartOfDay(week + 7);
            day = week + 7;
        }

        var date = DateOnly.FromDayNumber(day + UnixEpochDayNumber);
        var month = new DateOnly(date.Year, date.Month, 1);
        var monthStart = month.DayNumber - UnixEpochDayNumber;
        var nextMonth = month.AddMonths(1).DayNumber - UnixEpochDayNumber;
        return Count(perDay, z0.Today, monthStart, nextMonth - 1) >= monthLimit ? z0.StartOfDay(nextMonth) : t;

        static int Count(ReadOnlySpan<int> perDay, int today, int first, int last)
        {
            var count = 0;
            for (var d = Math.Max(first, today - perDay.Length + 1); d <= Math.Min(last, today); d++)
            {
                count += perDay[today - d];
            }

            return count;
        }
    }

    private static IsoDayOfWeek DayOfWeek(int day) => (IsoDayOfWeek)((((day % 7) + 10) % 7) + 1); // 1970-01-01 was a Thursday

    /// <summary>The steps the lender's hold rules block for holds in effect now.</summary>
    private int HoldMask(ImmutableArray<Hold> holds, ZoneClock z0)
    {
        var mask = 0;
        foreach (var hold in holds)
        {
            if (hold.From.ToUnixTimeTicks() > now)
            {
                continue;
            }

            var until = hold.Until is { } u ? u.ToUnixTimeTicks() : long.MaxValue;
            if (hold.Kind == HoldKind.PromiseToPay && hold.PromisedDate is { } promised)
            {
                // A promise lapses at the end of its promised local day plus the rule's two grace days.
                until = Math.Min(until, z0.StartOfDay(promised.ToDateOnly().DayNumber - UnixEpochDayNumber + 3));
            }

            if (now >= until)
            {
                continue;
            }

            mask |= hold.Kind == HoldKind.CeaseCommunication || hold.Kind == HoldKind.Bankruptcy ? AllSteps
                : hold.Kind == HoldKind.Dispute ? DisputeSteps
                : hold.Kind == HoldKind.PromiseToPay ? PromiseSteps
                : 0;
        }

        return mask;
    }

    /// <summary>The accounts (bits by position) an attempt listing <paramref name="ids"/> concerned.</summary>
    private static int Concerned(ImmutableArray<string> ids, ImmutableArray<Account> accounts)
    {
        var mask = 0;
        foreach (var id in ids)
        {
            for (var k = 0; k < accounts.Length; k++)
            {
                var own = accounts[k].AccountId;
                if (ReferenceEquals(own, id) || own == id)
                {
                    mask |= 1 << k;
                }
            }
        }

        return mask;
    }

    /// <summary>Keeps the three latest of the instants seen, latest first.</summary>
    private static void KeepLatest(Span<long> latest, long at)
    {
        if (at > latest[0])
        {
            latest[2] = latest[1];
            latest[1] = latest[0];
            latest[0] = at;
        }
        else if (at > latest[1])
        {
            latest[2] = latest[1];
            latest[1] = at;
        }
        else if (at > latest[2])
        {
            latest[2] = at;
        }
    }

    /// <summary>Within an account: higher priority, then earlier, then declared first.</summary>
    private static bool Ranks(int s, long at, bool epsilon, int bestStep, long bestAt, bool bestEpsilon)
    {
        var p = Steps[s].Priority;
        var q = Steps[bestStep].Priority;
        if (p != q)
        {
            return p > q;
        }

        if (at != bestAt || epsilon != bestEpsilon)
        {
            return at < bestAt || (at == bestAt && !epsilon);
        }

        return s < bestStep;
    }

    /// <summary>Between accounts' best candidates: the same order, then the point's kind and id, then the account id.</summary>
    private static bool Outranks(int x, int y, ReadOnlySpan<int> step, ReadOnlySpan<long> at, ReadOnlySpan<bool> epsilon, ReadOnlySpan<int> usable, ImmutableArray<ContactPoint> points, ImmutableArray<Account> accounts)
    {
        if (step[x] != step[y] || at[x] != at[y] || epsilon[x] != epsilon[y])
        {
            return Ranks(step[x], at[x], epsilon[x], step[y], at[y], epsilon[y]);
        }

        // Same step at the same instant: the same channel, hence the same best point; the account id decides.
        return string.CompareOrdinal(accounts[x].AccountId, accounts[y].AccountId) < 0;
    }

    private static bool PointBefore(ContactPoint p, ContactPoint q)
    {
        var byKind = PointRank[(int)p.Kind] - PointRank[(int)q.Kind];
        return byKind != 0 ? byKind < 0 : string.CompareOrdinal(p.Id, q.Id) < 0;
    }

    private static int[] BuildPointRank()
    {
        ReadOnlySpan<ContactPointKind> preferred = [ContactPointKind.Mobile, ContactPointKind.Landline, ContactPointKind.Work, ContactPointKind.PersonalEmail, ContactPointKind.WorkEmail];
        var rank = new int[16];
        for (var k = 0; k < rank.Length; k++)
        {
            var i = preferred.IndexOf((ContactPointKind)k);
            rank[k] = i >= 0 ? i : preferred.Length + k;
        }

        return rank;
    }

    /// <summary>
    /// One zone around the evaluation instant: its offsets in force (from 200 days before to 400 days after), and for
    /// each local day from 135 days before to 45 days after, the instants it starts, its contact window opens and closes.
    /// Day numbers count local days from 1970-01-01.
    /// </summary>
    private sealed class ZoneClock
    {
        private const int DaysBefore = 135;
        private const int DaysAfter = 45;

        private readonly long[] starts;
        private readonly long[] ends;
        private readonly long[] offsets;
        private readonly long[] dayStart = new long[DaysBefore + DaysAfter + 1];
        private readonly long[] opens = new long[DaysBefore + DaysAfter + 1];
        private readonly long[] closes = new long[DaysBefore + DaysAfter + 1];
        private readonly bool regulationF;
        private readonly int firstDay;

        public ZoneClock(DateTimeZone zone, Instant now, bool regulationF)
        {
            this.regulationF = regulationF;
            var intervals = zone.GetZoneIntervals(now - Duration.FromDays(200), now + Duration.FromDays(400)).ToArray();
            starts = [.. intervals.Select(i => i.HasStart ? i.Start.ToUnixTimeTicks() : long.MinValue)];
            ends = [.. intervals.Select(i => i.HasEnd ? i.End.ToUnixTimeTicks() : long.MaxValue)];
            offsets = [.. intervals.Select(i => i.WallOffset.Ticks)];
            Today = DayOf(now.ToUnixTimeTicks());
            firstDay = Today - DaysBefore;
            for (var i = 0; i < dayStart.Length; i++)
            {
                var day = firstDay + i;
                var (open, close) = Hours(day);
                dayStart[i] = Resolve(day * TicksPerDay, later: false);
                opens[i] = Resolve((day * TicksPerDay) + open, later: true);
                closes[i] = Resolve((day * TicksPerDay) + close, later: false);
            }
        }

        /// <summary>Today's day number, at the evaluation instant.</summary>
        public int Today { get; }

        /// <summary>The local day number of an instant (unix ticks).</summary>
        public int DayOf(long ticks)
        {
            for (var i = 0; i < ends.Length; i++)
            {
                if (ticks < ends[i])
                {
                    return (int)((ticks + offsets[i]) / TicksPerDay);
                }
            }

            throw new InvalidOperationException("An instant beyond the zone's table.");
        }

        /// <summary>The instant local day <paramref name="day"/> starts (at its earlier midnight, or where a gap ends).</summary>
        public long StartOfDay(int day)
            => (uint)(day - firstDay) < (uint)dayStart.Length ? dayStart[day - firstDay] : Resolve(day * TicksPerDay, later: false);

        /// <summary>The first instant from <paramref name="t"/> on inside the contact window, no later than <paramref name="limit"/>; <see cref="long.MinValue"/> for none.</summary>
        public long NextOpen(long t, long limit)
        {
            for (var day = DayOf(t); ; day++)
            {
                var i = day - firstDay;
                long open, close;
                if ((uint)i < (uint)opens.Length)
                {
                    open = opens[i];
                    close = closes[i];
                }
                else
                {
                    var (o, c) = Hours(day);
                    open = Resolve((day * TicksPerDay) + o, later: true);
                    close = Resolve((day * TicksPerDay) + c, later: false);
                }

                if (open > limit)
                {
                    return long.MinValue;
                }

                if (close > t && close > open)
                {
                    return open > t ? open : t;
                }

                if (StartOfDay(day + 1) > limit)
                {
                    return long.MinValue;
                }
            }
        }

        /// <summary>The window of a local day, from and to a time of day: 08:00–21:00; with 230-FZ 09:00–20:00 at weekends.</summary>
        private (long Open, long Close) Hours(int day)
            => !regulationF && DayOfWeek(day) is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday
                ? (9 * TicksPerHour, 20 * TicksPerHour)
                : (8 * TicksPerHour, 21 * TicksPerHour);

        /// <summary>
        /// The instant of a local time (ticks from 1970-01-01 local): the earlier or later of two in an overlap; in a gap,
        /// where the gap ends.
        /// </summary>
        private long Resolve(long local, bool later)
        {
            var found = false;
            long result = 0;
            for (var i = 0; i < starts.Length; i++)
            {
                var candidate = local - offsets[i];
                if (candidate >= starts[i] && candidate < ends[i])
                {
                    if (!found || later)
                    {
                        result = candidate;
                    }

                    found = true;
                }
            }

            if (found)
            {
                return result;
            }

            for (var i = 0; i < starts.Length; i++)
            {
                if (starts[i] != long.MinValue && starts[i] + offsets[i] > local)
                {
                    return starts[i];
                }
            }

            throw new InvalidOperationException("A local time beyond the zone's table.");
        }
    }
}
