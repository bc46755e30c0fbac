using System.Collections.Frozen;
using NodaTime;

namespace Cadence.Benchmarks;

/// <summary>What the hand-written baseline decides: the contact or escalation and when, or no contact.</summary>
public readonly record struct BaselineDecision(DecisionKind Kind, int Step, Instant NotBefore);

/// <summary>
/// Straight C# for exactly the reference policy on the reference workload, no engine: the practical ceiling. It knows
/// its steps, windows, caps and holds by heart, reads the history in one pass without sorting it, and — unlike the
/// engine — does not say when to look again for an account it cannot contact.
/// </summary>
public sealed class HandWrittenBaseline(bool regulationF)
{
    private static readonly (string Id, Channel Channel, int From, int To, long RepeatTicks, int Priority)[] Steps =
    [
        ("email-pre-due", Channel.Email, -7, -3, 0, 10),
        ("sms-pre-due", Channel.Sms, -2, -1, 0, 20),
        ("call-pre-due", Channel.Call, -2, -2, 0, 15),
        ("autopay-reminder", Channel.Sms, -1, -1, 0, 25),
        ("sms-overdue", Channel.Sms, 1, 29, Duration.FromDays(3).BclCompatibleTicks, 30),
        ("call-overdue", Channel.Call, 3, 59, Duration.FromDays(1).BclCompatibleTicks, 40),
        ("letter-overdue", Channel.Letter, 7, 14, 0, 60),
        ("offer-restructuring", Channel.Email, 15, 29, 0, 55),
        ("debt-advice-referral", Channel.Letter, 30, 45, 0, 50),
        ("bureau-notice", Channel.None, 60, 89, 0, 70),
        ("agency-placement", Channel.None, 90, 365, 0, 80),
    ];

    private static readonly FrozenDictionary<string, DateTimeZone> ZonesById =
        ReferenceWorkload.Zones.ToDictionary(id => id, id => DateTimeZoneProviders.Tzdb[id]).ToFrozenDictionary();

    [ThreadStatic]
    private static LocalDate[]? callDates;

    [ThreadStatic]
    private static LocalDate[]? smsDates;

    public BaselineDecision Decide(BorrowerState a, Instant now)
    {
        if (a.DueDate is not { } due || a.TimeZoneIds.IsEmpty)
        {
            return default;
        }

        var z0 = ZonesById[a.TimeZoneIds[0]];
        var z1 = a.TimeZoneIds.Length > 1 && a.TimeZoneIds[1] != a.TimeZoneIds[0] ? ZonesById[a.TimeZoneIds[1]] : null;
        var today = now.InZone(z0).Date;
        var day = Period.DaysBetween(due, today);
        var cycleStart = z0.AtStartOfDay(due.PlusDays(-7)).ToInstant();

        // One pass over the history, in any order.
        Span<int> served = stackalloc int[Steps.Length];
        Span<long> lastServed = stackalloc long[Steps.Length];
        Span<long> lastSuccess = stackalloc long[8];
        lastServed.Fill(long.MinValue);
        lastSuccess.Fill(long.MinValue);
        var dates = callDates ??= new LocalDate[64];
        var calls = 0;
        var conversationEnd = Instant.MinValue;
        var texts = smsDates ??= new LocalDate[64];
        var sms = 0;
        foreach (var h in a.History)
        {
            var outbound = h.Direction == ContactDirection.Outbound;
            if (outbound && h.StepId is { } id)
            {
                var s = StepIndex(id);
                if (s >= 0)
                {
                    if (h.At >= cycleStart)
                    {
                        served[s]++;
                    }

                    lastServed[s] = Math.Max(lastServed[s], h.At.ToUnixTimeTicks());
                }
            }

            if (outbound && h.Outcome is not (ContactOutcome.Failed or ContactOutcome.Bounced or ContactOutcome.WrongParty))
            {
                lastSuccess[(int)h.Channel] = Math.Max(lastSuccess[(int)h.Channel], h.At.ToUnixTimeTicks());
            }

            if (h.Channel == Channel.Call)
            {
                if (regulationF)
                {
                    if (outbound)
                    {
                        if (calls == dates.Length)
                        {
                            Array.Resize(ref callDates, calls * 2);
                            dates = callDates;
                        }

                        dates[calls++] = h.At.InZone(z0).Date;
                    }

                    if (h.Outcome == ContactOutcome.Conversation)
                    {
                        var end = z0.AtStartOfDay(h.At.InZone(z0).Date.PlusDays(7)).ToInstant();
                        conversationEnd = end > conversationEnd ? end : conversationEnd;
                    }
                }
                else if (outbound && h.Outcome == ContactOutcome.Conversation)
                {
                    if (calls == dates.Length)
                    {
                        Array.Resize(ref callDates, calls * 2);
                        dates = callDates;
                    }

                    dates[calls++] = h.At.InZone(z0).Date;
                }
            }
            else if (!regulationF && h.Channel == Channel.Sms && outbound)
            {
                if (sms == texts.Length)
                {
                    Array.Resize(ref smsDates, sms * 2);
                    texts = smsDates;
                }

                texts[sms++] = h.At.InZone(z0).Date;
            }
        }

        // Exhaustion: three failures in a row since the last success on the channel (failures at its instant count).
        Span<int> failures = stackalloc int[8];
        foreach (var h in a.History)
        {
            if (h.Direction == ContactDirection.Outbound && h.At.ToUnixTimeTicks() >= lastSuccess[(int)h.Channel]
                && h.Outcome is ContactOutcome.Failed or ContactOutcome.Bounced or ContactOutcome.WrongParty)
            {
                failures[(int)h.Channel]++;
            }
        }

        var hold = a.Holds.IsEmpty ? null : a.Holds[0];
        var holdKind = hold is not null && hold.From <= now
            && !(hold.Kind == HoldKind.PromiseToPay && now >= z0.AtStartOfDay(hold.PromisedDate!.Value.PlusDays(3)).ToInstant())
            ? hold.Kind.Name
            : null;

        var best = -1;
        var bestAt = Instant.MaxValue;
        for (var s = 0; s < Steps.Length; s++)
        {
            var step = Steps[s];
            if (day < step.From || day > step.To || served[s] >= 1 && step.RepeatTicks == 0)
            {
                continue;
            }

            if ((s is 1 or 2 && a.Autopay) || (s == 3 && !a.Autopay) || (s == 7 && a.AmountDue.Amount < 100m))
            {
                continue;
            }

            if (holdKind is "cease-communication" or "bankruptcy"
                || (holdKind == "dispute" && step.Channel is Channel.Call or Channel.Sms or Channel.Email)
                || (holdKind == "promise-to-pay" && s is 4 or 5))
            {
                continue;
            }

            Instant at;
            if (step.Channel == Channel.None)
            {
                at = now;
            }
            else
            {
                var point = Point(a, step.Channel);
                if (point is null || point.OptedOut || failures[(int)step.Channel] >= 3)
                {
                    continue;
                }

                var windowEnd = z0.AtStartOfDay(due.PlusDays(step.To + 1)).ToInstant();
                var limit = Instant.Min(windowEnd - Duration.Epsilon, now + Duration.FromDays(35));
                at = Place(step.Channel, step.RepeatTicks, lastServed[s], now, limit, z0, z1, dates.AsSpan(0, calls), texts.AsSpan(0, sms), conversationEnd);
                if (at == Instant.MaxValue)
                {
                    continue;
                }
            }

            if (best < 0 || step.Priority > Steps[best].Priority || (step.Priority == Steps[best].Priority && at < bestAt))
            {
                best = s;
                bestAt = at;
            }
        }

        return best < 0 ? default : new BaselineDecision(Steps[best].Channel == Channel.None ? DecisionKind.Escalate : DecisionKind.Contact, best, bestAt);
    }

    public static string StepId(int step) => Steps[step].Id;

    private Instant Place(Channel channel, long repeatTicks, long lastServedTicks, Instant now, Instant limit, DateTimeZone z0, DateTimeZone? z1, ReadOnlySpan<LocalDate> calls, ReadOnlySpan<LocalDate> texts, Instant conversationEnd)
    {
        var t = now;
        if (repeatTicks > 0 && lastServedTicks != long.MinValue)
        {
            var next = Instant.FromUnixTimeTicks(lastServedTicks + repeatTicks);
            t = next > t ? next : t;
        }

        for (var round = 0; round < 64 && t <= limit; round++)
        {
            var start = t;
            if (channel == Channel.Call)
            {
                if (regulationF)
                {
                    if (t < conversationEnd)
                    {
                        t = conversationEnd;
                    }

                    t = SevenInSeven(t, z0, calls);
                }
                else
                {
                    t = CalendarCaps(t, z0, calls, 1, 2, 8);
                }
            }
            else if (channel == Channel.Sms && !regulationF)
            {
                t = CalendarCaps(t, z0, texts, 2, 4, 16);
            }

            t = Open(z0, t);
            if (z1 is not null)
            {
                t = Open(z1, t);
            }

            if (t == start)
            {
                return t <= limit ? t : Instant.MaxValue;
            }
        }

        return Instant.MaxValue;
    }

    private static Instant SevenInSeven(Instant t, DateTimeZone z0, ReadOnlySpan<LocalDate> calls)
    {
        var d = t.InZone(z0).Date;
        var count = 0;
        LocalDate oldest = default;
        Span<LocalDate> inWindow = stackalloc LocalDate[calls.Length];
        foreach (var c in calls)
        {
            if (c > d.PlusDays(-7) && c < d.PlusDays(7))
            {
                inWindow[count++] = c;
            }
        }

        if (count < 7)
        {
            return t;
        }

        inWindow[..count].Sort();
        oldest = inWindow[count - 7];
        var free = z0.AtStartOfDay(oldest.PlusDays(7)).ToInstant();
        return free > t ? free : t;
    }

    private static Instant CalendarCaps(Instant t, DateTimeZone z0, ReadOnlySpan<LocalDate> conversations, int perDay, int perWeek, int perMonth)
    {
        var d = t.InZone(z0).Date;
        int day = 0, week = 0, month = 0;
        foreach (var c in conversations)
        {
            day += c == d ? 1 : 0;
            week += Monday(c) == Monday(d) ? 1 : 0;
            month += c.Year == d.Year && c.Month == d.Month ? 1 : 0;
        }

        return month >= perMonth ? z0.AtStartOfDay(new LocalDate(d.Year, d.Month, 1).PlusMonths(1)).ToInstant()
            : week >= perWeek ? z0.AtStartOfDay(Monday(d).PlusDays(7)).ToInstant()
            : day >= perDay ? z0.AtStartOfDay(d.PlusDays(1)).ToInstant()
            : t;
    }

    /// <summary>The window opens at 08:00 and closes at 21:00 (230-FZ: 09:00–20:00 at weekends), every zone.</summary>
    private Instant Open(DateTimeZone zone, Instant t)
    {
        var local = t.InZone(zone).LocalDateTime;
        for (var date = local.Date; ; date = date.PlusDays(1))
        {
            var weekend = !regulationF && date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
            var open = zone.AtLeniently(date.At(new LocalTime(weekend ? 9 : 8, 0))).ToInstant();
            var close = zone.AtLeniently(date.At(new LocalTime(weekend ? 20 : 21, 0))).ToInstant();
            if (t < close)
            {
                return t < open ? open : t;
            }
        }
    }

    private static LocalDate Monday(LocalDate d) => d.PlusDays(1 - (int)d.DayOfWeek);

    private static ContactPoint? Point(BorrowerState a, Channel channel)
    {
        foreach (var p in a.ContactPoints)
        {
            if (p.Channel == channel)
            {
                return p;
            }
        }

        return null;
    }

    private static int StepIndex(string id)
    {
        for (var s = 0; s < Steps.Length; s++)
        {
            if (ReferenceEquals(id, Steps[s].Id) || id == Steps[s].Id)
            {
                return s;
            }
        }

        return -1;
    }
}
