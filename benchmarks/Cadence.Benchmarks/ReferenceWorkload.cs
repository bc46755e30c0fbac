using NodaTime;

namespace Cadence.Benchmarks;

/// <summary>
/// The reference portfolio of benchmarks.md, generated from a fixed seed: ten zones (10 % with two), due dates from
/// 120 days past to 10 days ahead, 0–40 attempts (mean about 20) over the last 45 days (in random order for 10 %),
/// 5 % opted out of a channel, 3 % on hold, 2 % on autopay, a few with an exhausted channel or contact point. The
/// reference benchmarks run on persons (<see cref="GeneratePersons"/>); <see cref="Generate"/> keeps the older
/// one-account portfolio.
/// </summary>
public static class ReferenceWorkload
{
    /// <summary>
    /// Sunday 2026-03-08 15:30Z: New York changed to summer time that morning; it is night in Honolulu, Vladivostok and
    /// Shanghai (quiet hours), evening in Moscow, afternoon in London.
    /// </summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 3, 8, 15, 30);

    internal static readonly string[] Zones =
    [
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
        "Pacific/Honolulu", "Europe/Moscow", "Asia/Vladivostok", "Asia/Shanghai", "Europe/London",
    ];

    private static readonly Channel[] Channels = [Channel.Email, Channel.Sms, Channel.Call, Channel.Letter];
    private static readonly string[] StepIds = ["email-pre-due", "sms-pre-due", "call-pre-due", "sms-overdue", "call-overdue", "letter-overdue", "offer-restructuring"];

    private static readonly ContactPointKind[] PhoneKinds = [ContactPointKind.Mobile, ContactPointKind.Landline, ContactPointKind.Work];
    private static readonly ContactPointKind[] EmailKinds = [ContactPointKind.PersonalEmail, ContactPointKind.WorkEmail];
    private static readonly HoldKind[] HoldKinds = [HoldKind.Dispute, HoldKind.PromiseToPay, HoldKind.CeaseCommunication, HoldKind.Bankruptcy];

    /// <summary>
    /// Persons holding <paramref name="accounts"/> accounts in all: 70 % of persons one account, 20 % two, 10 % three
    /// (about 1.4 accounts a person); one to three contact points per channel (<c>call-1</c>, <c>call-2</c>…; calls and
    /// texts on mobile, landline or work numbers, e-mail personal or work, letters postal; work numbers and addresses
    /// are workplaces); a shared history of 0–40 attempts (mean about 20) over the last 45 days, half of them naming
    /// the point used and, for persons of several accounts, half naming the accounts concerned (the others concern
    /// every account). 5 % of persons opted out of a channel, 3 % carry a hold (half on the person, half on one
    /// account), 2 % of accounts are on autopay, 2 % of persons have a text number exhausted by three failures, and
    /// 1 % have a point updated two days ago.
    /// </summary>
    /// <param name="accounts">How many accounts the persons hold together.</param>
    /// <param name="seed">The seed; the same seed gives the same persons.</param>
    /// <returns>The persons, in order of their ids.</returns>
    public static Person[] GeneratePersons(int accounts, int seed = 20260308)
    {
        var random = new Random(seed);
        var persons = new List<Person>((accounts * 10 / 14) + 3);
        var today = new LocalDate(2026, 3, 8);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var made = 0;
        var sizes = new Random(seed + 1);
        Span<int> pointCounts = stackalloc int[Channels.Length];
        while (made < accounts)
        {
            var count = NextSize(sizes, accounts - made);
            var zone = Zones[random.Next(Zones.Length)];
            string[] zones = random.Next(10) == 0 ? [zone, Zones[random.Next(Zones.Length)]] : [zone];
            var currency = zone.StartsWith("Europe/Moscow", StringComparison.Ordinal) ? "RUB" : "USD";

            var owned = new Account[count];
            for (var k = 0; k < count; k++)
            {
                owned[k] = new Account("ACC-" + (made + k).ToString("D7", inv))
                {
                    DueDate = today.PlusDays(10 - random.Next(131)),
                    AmountDue = new Money(10 + random.Next(4991), currency),
                    Autopay = random.Next(50) == 0,
                };
            }

            var optOut = random.Next(20) == 0 ? Channels[random.Next(Channels.Length)] : Channel.None;
            var updated = random.Next(100) == 0;
            var points = new List<ContactPoint>(12);
            for (var c = 0; c < Channels.Length; c++)
            {
                var channel = Channels[c];
                pointCounts[c] = 1 + random.Next(3);
                for (var p = 1; p <= pointCounts[c]; p++)
                {
                    var kind = channel switch
                    {
                        Channel.Email => EmailKinds[random.Next(EmailKinds.Length)],
                        Channel.Letter => ContactPointKind.Postal,
                        _ => PhoneKinds[random.Next(PhoneKinds.Length)],
                    };
                    points.Add(new ContactPoint(channel)
                    {
                        Id = ContactPoint.DefaultId(channel) + "-" + p.ToString(inv),
                        Kind = kind,
                        OptedOut = channel == optOut,
                        ConsentGiven = true,
                        IsWorkplace = kind is ContactPointKind.Work or ContactPointKind.WorkEmail,
                        UpdatedAt = updated && p == 1 ? Now - Duration.FromDays(2) : Now - Duration.FromDays(200),
                    });
                }
            }

            var exhausted = random.Next(50) == 0;
            var history = new List<ContactAttempt>(40);
            var attempts = random.Next(41);
            for (var a = 0; a < attempts; a++)
            {
                var failing = exhausted && a >= attempts - 3;
                var c = failing ? 1 : random.Next(Channels.Length);
                var channel = Channels[c];
                var inbound = channel is Channel.Call or Channel.Sms && random.Next(8) == 0;
                var outcome = failing
                    ? ContactOutcome.Failed
                    : channel == Channel.Call
                        ? (ContactOutcome)new[] { 4, 4, 5, 6, 7, 2 }[random.Next(6)]
                        : (ContactOutcome)random.Next(3);
                string? point = failing ? "sms-1" : random.Next(2) == 0 ? ContactPoint.DefaultId(channel) + "-" + (1 + random.Next(pointCounts[c])).ToString(inv) : null;
                string[] concerned = count > 1 && random.Next(2) == 0
                    ? random.Next(3) == 0 && count == 3 ? [owned[random.Next(3)].AccountId, owned[random.Next(3)].AccountId] : [owned[random.Next(count)].AccountId]
                    : [];
                history.Add(new ContactAttempt(
                    Now - Duration.FromMinutes(random.Next(45 * 24 * 60) * (attempts - a) / Math.Max(1, attempts)),
                    channel,
                    inbound ? ContactDirection.Inbound : ContactDirection.Outbound,
                    outcome,
                    random.Next(3) == 0 ? StepIds[random.Next(StepIds.Length)] : null)
                {
                    ContactPointId = point,
                    AccountIds = [.. concerned.Distinct()],
                });
            }

            history.Sort((x, y) => x.At.CompareTo(y.At));
            if (random.Next(10) == 0)
            {
                history.Reverse();
            }

            Hold[] holds = [];
            if (random.Next(100) < 3)
            {
                Hold[] hold = [new Hold(HoldKinds[random.Next(HoldKinds.Length)], Now - Duration.FromDays(random.Next(1, 30))) { PromisedDate = today.PlusDays(random.Next(1, 10)) }];
                if (random.Next(2) == 0)
                {
                    holds = hold;
                }
                else
                {
                    var k = random.Next(count);
                    owned[k] = owned[k] with { Holds = [.. hold] };
                }
            }

            persons.Add(new Person("P-" + persons.Count.ToString("D7", inv))
            {
                TimeZoneIds = [.. zones],
                ContactPoints = [.. points],
                Holds = [.. holds],
                History = [.. history],
                Accounts = [.. owned],
            });
            made += count;
        }

        return [.. persons];
    }

    /// <summary>How many persons <see cref="GeneratePersons"/> makes for <paramref name="accounts"/> accounts (their sizes have a random stream of their own).</summary>
    public static int PersonCount(int accounts, int seed = 20260308)
    {
        var sizes = new Random(seed + 1);
        var persons = 0;
        for (var made = 0; made < accounts; persons++)
        {
            made += NextSize(sizes, accounts - made);
        }

        return persons;
    }

    private static int NextSize(Random sizes, int left)
    {
        var roll = sizes.Next(10);
        return Math.Min(left, roll < 7 ? 1 : roll < 9 ? 2 : 3);
    }

    public static BorrowerState[] Generate(int count, int seed = 20260308)
    {
        var random = new Random(seed);
        var accounts = new BorrowerState[count];
        var today = new LocalDate(2026, 3, 8);
        for (var i = 0; i < count; i++)
        {
            var zone = Zones[random.Next(Zones.Length)];
            string[] zones = random.Next(10) == 0 ? [zone, Zones[random.Next(Zones.Length)]] : [zone];
            var optOut = random.Next(20) == 0 ? Channels[random.Next(Channels.Length)] : Channel.None;
            var exhausted = random.Next(50) == 0;
            var history = new List<ContactAttempt>(40);
            var attempts = random.Next(41);
            for (var a = 0; a < attempts; a++)
            {
                var channel = exhausted && a >= attempts - 3 ? Channel.Sms : Channels[random.Next(Channels.Length)];
                var inbound = channel is Channel.Call or Channel.Sms && random.Next(8) == 0;
                var outcome = exhausted && a >= attempts - 3
                    ? ContactOutcome.Failed
                    : channel == Channel.Call
                        ? (ContactOutcome)new[] { 4, 4, 5, 6, 7, 2 }[random.Next(6)]
                        : (ContactOutcome)random.Next(3);
                history.Add(new ContactAttempt(
                    Now - Duration.FromMinutes(random.Next(45 * 24 * 60) * (attempts - a) / Math.Max(1, attempts)),
                    channel,
                    inbound ? ContactDirection.Inbound : ContactDirection.Outbound,
                    outcome,
                    random.Next(3) == 0 ? StepIds[random.Next(StepIds.Length)] : null));
            }

            history.Sort((x, y) => x.At.CompareTo(y.At));
            if (random.Next(10) == 0)
            {
                history.Reverse();
            }

            Hold[] holds = random.Next(100) < 3
                ? [new Hold(new[] { HoldKind.Dispute, HoldKind.PromiseToPay, HoldKind.CeaseCommunication, HoldKind.Bankruptcy }[random.Next(4)], Now - Duration.FromDays(random.Next(1, 30))) { PromisedDate = today.PlusDays(random.Next(1, 10)) }]
                : [];

            accounts[i] = new BorrowerState("ACC-" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture))
            {
                TimeZoneIds = [.. zones],
                DueDate = today.PlusDays(10 - random.Next(131)),
                AmountDue = new Money(10 + random.Next(4991), zone.StartsWith("Europe/Moscow", StringComparison.Ordinal) ? "RUB" : "USD"),
                Autopay = random.Next(50) == 0,
                ContactPoints = [.. Channels.Select(c => new ContactPoint(c) { OptedOut = c == optOut, ConsentGiven = true, UpdatedAt = Now - Duration.FromDays(200) })],
                Holds = [.. holds],
                History = [.. history],
            };
        }

        return accounts;
    }
}
