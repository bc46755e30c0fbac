using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Cadence.Simulation;

/// <summary>
/// A reproducible synthetic portfolio for simulations and demonstrations: borrowers in several zones with due dates
/// spread around the start, a short contact history, a few opt-outs, withheld consents, workplace e-mails, disputes and
/// autopays. The same count, start, seed and options give the same accounts on every machine.
/// </summary>
public static class SyntheticPortfolio
{
    private static readonly Channel[] Channels = [Channel.Email, Channel.Sms, Channel.Call, Channel.Letter];

    /// <summary>Generates the accounts <c>ACC-0000000</c>, <c>ACC-0000001</c>…</summary>
    /// <param name="count">How many accounts.</param>
    /// <param name="start">The instant the portfolio is taken at; histories end before it.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="options">Zones, currency, due dates and history length.</param>
    /// <returns>The accounts.</returns>
    public static ImmutableArray<BorrowerState> Generate(int count, Instant start, int seed, SyntheticPortfolioOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        options ??= new SyntheticPortfolioOptions();
        if (options.Zones.IsDefaultOrEmpty)
        {
            throw new ArgumentException("The options name no zone.", nameof(options));
        }

        if (options.LatestDueDay < options.EarliestDueDay)
        {
            throw new ArgumentException($"The latest due day ({options.LatestDueDay}) is before the earliest ({options.EarliestDueDay}).", nameof(options));
        }

        var random = new SeededRandom((ulong)(uint)seed);
        var accounts = ImmutableArray.CreateBuilder<BorrowerState>(count);
        for (var i = 0; i < count; i++)
        {
            var zone = options.Zones[random.Next(options.Zones.Length)];
            var second = options.Zones[random.Next(options.Zones.Length)];
            ImmutableArray<string> zones = random.Next(10) == 0 && second != zone ? [zone, second] : [zone];
            var today = start.InZone(DateTimeZoneProviders.Tzdb[zone]).Date;
            var optedOut = random.Next(20) == 0 ? Channels[random.Next(Channels.Length)] : Channel.None;
            var points = Channels.Select(c => new ContactPoint(c)
            {
                OptedOut = c == optedOut,
                ConsentGiven = c != Channel.Sms || random.Next(10) != 0,
                IsWorkplace = c == Channel.Email && random.Next(25) == 0,
                UpdatedAt = start - Duration.FromDays(180),
            });

            var history = new ContactAttempt[random.Next(options.MaxHistory + 1)];
            for (var a = 0; a < history.Length; a++)
            {
                var channel = Channels[random.Next(Channels.Length)];
                var outcome = channel == Channel.Call
                    ? new[] { ContactOutcome.NoAnswer, ContactOutcome.NoAnswer, ContactOutcome.Busy, ContactOutcome.Voicemail, ContactOutcome.Conversation }[random.Next(5)]
                    : random.Next(15) == 0 ? ContactOutcome.Failed : ContactOutcome.Delivered;
                history[a] = new ContactAttempt(start - Duration.FromMinutes(random.Next(60, 30 * 24 * 60)), channel, ContactDirection.Outbound, outcome);
            }

            Array.Sort(history, (x, y) => x.At.CompareTo(y.At));
            ImmutableArray<Hold> holds = random.Next(100) < 3 ? [new Hold(HoldKind.Dispute, start - Duration.FromDays(random.Next(1, 20)), start + Duration.FromDays(random.Next(1, 30)))] : [];
            accounts.Add(new BorrowerState("ACC-" + i.ToString("D7", CultureInfo.InvariantCulture))
            {
                TimeZoneIds = zones,
                DueDate = today.PlusDays(random.Next(options.EarliestDueDay, options.LatestDueDay + 1)),
                AmountDue = new Money(50 + random.Next(951), options.Currency),
                Autopay = random.Next(50) == 0,
                ContactPoints = [.. points],
                Holds = holds,
                History = [.. history],
            });
        }

        return accounts.MoveToImmutable();
    }
}
