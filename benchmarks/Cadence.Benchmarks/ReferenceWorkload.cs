using NodaTime;

namespace Cadence.Benchmarks;

/// <summary>
/// The reference portfolio of benchmarks.md, generated from a fixed seed: ten zones (10 % of accounts with two), due
/// dates from 120 days past to 10 days ahead, 0–40 attempts (mean about 20) over the last 45 days (in random order for
/// 10 %), 5 % opted out of a channel, 3 % on hold, 2 % on autopay, a few with an exhausted channel.
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
