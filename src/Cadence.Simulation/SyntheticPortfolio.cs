using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Cadence.Simulation;

/// <summary>
/// A reproducible synthetic portfolio for simulations and demonstrations: borrowers in several zones with due dates
/// spread around the start, a short contact history, a few opt-outs, withheld consents, workplace e-mails, disputes and
/// autopays. The same count, start, seed and options give the same accounts on every machine.
/// </summary>
/// <remarks>
/// <see cref="Generate"/> makes accounts (a person of one account each, with one point per channel);
/// <see cref="GeneratePersons"/> makes persons of one to three accounts with one to three points per channel and a
/// history shared by the accounts, each attempt on a point (or none) and about one account or all of them.
/// </remarks>
public static class SyntheticPortfolio
{
    private static readonly Channel[] Channels = [Channel.Email, Channel.Sms, Channel.Call, Channel.Letter];
    private static readonly ContactOutcome[] CallOutcomes = [ContactOutcome.NoAnswer, ContactOutcome.NoAnswer, ContactOutcome.Busy, ContactOutcome.Voicemail, ContactOutcome.Conversation];

    /// <summary>Generates the accounts <c>ACC-0000000</c>, <c>ACC-0000001</c>…</summary>
    /// <param name="count">How many accounts.</param>
    /// <param name="start">The instant the portfolio is taken at; histories end before it.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="options">Zones, currency, due dates and history length.</param>
    /// <returns>The accounts.</returns>
    public static ImmutableArray<BorrowerState> Generate(int count, Instant start, int seed, SyntheticPortfolioOptions? options = null)
        => [.. EnumerateAccounts(count, start, seed, options)];

    /// <summary>The accounts of <see cref="Generate"/>, made one at a time as they are enumerated: a portfolio of any size in constant memory.</summary>
    /// <param name="count">How many accounts.</param>
    /// <param name="start">The instant the portfolio is taken at; histories end before it.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="options">Zones, currency, due dates and history length.</param>
    /// <returns>The accounts, the same as <see cref="Generate"/>'s.</returns>
    public static IEnumerable<BorrowerState> EnumerateAccounts(long count, Instant start, int seed, SyntheticPortfolioOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        options ??= new SyntheticPortfolioOptions();
        Validate(options);
        return Accounts(count, start, seed, options);
    }

    private static IEnumerable<BorrowerState> Accounts(long count, Instant start, int seed, SyntheticPortfolioOptions options)
    {
        var random = new SeededRandom((ulong)(uint)seed);
        for (var i = 0L; i < count; i++)
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
                var outcome = HistoricOutcome(channel, ref random);
                history[a] = new ContactAttempt(start - Duration.FromMinutes(random.Next(60, 30 * 24 * 60)), channel, ContactDirection.Outbound, outcome);
            }

            Array.Sort(history, (x, y) => x.At.CompareTo(y.At));
            ImmutableArray<Hold> holds = random.Next(100) < 3 ? [new Hold(HoldKind.Dispute, start - Duration.FromDays(random.Next(1, 20)), start + Duration.FromDays(random.Next(1, 30)))] : [];
            yield return new BorrowerState("ACC-" + i.ToString("D7", CultureInfo.InvariantCulture))
            {
                TimeZoneIds = zones,
                DueDate = today.PlusDays(random.Next(options.EarliestDueDay, options.LatestDueDay + 1)),
                AmountDue = new Money(50 + random.Next(951), options.Currency),
                Autopay = random.Next(50) == 0,
                ContactPoints = [.. points],
                Holds = holds,
                History = [.. history],
            };
        }
    }

    /// <summary>
    /// Generates the persons <c>PER-0000000</c>, <c>PER-0000001</c>…, with accounts <c>ACC-0000000</c>,
    /// <c>ACC-0000001</c>… numbered across the portfolio.
    /// </summary>
    /// <param name="count">How many persons.</param>
    /// <param name="start">The instant the portfolio is taken at; histories end before it.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="options">Zones, regions, currency, due dates, history length, accounts per person and points per channel.</param>
    /// <returns>The persons.</returns>
    /// <remarks>
    /// Each person draws its number of accounts from <see cref="SyntheticPortfolioOptions.AccountsPerPerson"/> and, per
    /// channel, one to <see cref="SyntheticPortfolioOptions.MaxContactPointsPerChannel"/> points of plausible kinds
    /// (calls: mobile, landline, work; SMS: mobiles; e-mail: personal, then work addresses flagged as workplace;
    /// letters: postal). One person in twenty has opted out of one point; an SMS point lacks consent one time in ten;
    /// 3 % of accounts carry a dispute. The history's attempts name their point four times in five and concern one
    /// account (of several) half the time.
    /// </remarks>
    public static ImmutableArray<Person> GeneratePersons(int count, Instant start, int seed, SyntheticPortfolioOptions? options = null)
        => [.. EnumeratePersons(count, start, seed, options)];

    /// <summary>The persons of <see cref="GeneratePersons"/>, made one at a time as they are enumerated: a portfolio of any size in constant memory.</summary>
    /// <param name="count">How many persons.</param>
    /// <param name="start">The instant the portfolio is taken at; histories end before it.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="options">Zones, regions, currency, due dates, history length, accounts per person and points per channel.</param>
    /// <returns>The persons, the same as <see cref="GeneratePersons"/>'s.</returns>
    public static IEnumerable<Person> EnumeratePersons(long count, Instant start, int seed, SyntheticPortfolioOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        options ??= new SyntheticPortfolioOptions();
        Validate(options);
        return Persons(count, start, seed, options);
    }

    private static IEnumerable<Person> Persons(long count, Instant start, int seed, SyntheticPortfolioOptions options)
    {
        var random = new SeededRandom(((ulong)(uint)seed << 1) ^ 0x9E3779B97F4A7C15UL);
        var weights = options.AccountsPerPerson;
        var totalWeight = weights.Sum();
        var nextAccount = 0L;
        for (var i = 0L; i < count; i++)
        {
            var zone = options.Zones[random.Next(options.Zones.Length)];
            var second = options.Zones[random.Next(options.Zones.Length)];
            ImmutableArray<string> zones = random.Next(10) == 0 && second != zone ? [zone, second] : [zone];
            var today = start.InZone(DateTimeZoneProviders.Tzdb[zone]).Date;
            var points = ImmutableArray.CreateBuilder<ContactPoint>();
            foreach (var channel in Channels)
            {
                var n = 1 + random.Next(options.MaxContactPointsPerChannel);
                for (var k = 0; k < n; k++)
                {
                    var kind = KindOf(channel, k);
                    points.Add(new ContactPoint(channel)
                    {
                        Id = string.Create(CultureInfo.InvariantCulture, $"{ContactPoint.DefaultId(channel)}-{k + 1}"),
                        Kind = kind,
                        ConsentGiven = channel != Channel.Sms || random.Next(10) != 0,
                        IsWorkplace = kind is ContactPointKind.Work or ContactPointKind.WorkEmail,
                        UpdatedAt = start - Duration.FromDays(180),
                    });
                }
            }

            if (random.Next(20) == 0)
            {
                var k = random.Next(points.Count);
                points[k] = points[k] with { OptedOut = true };
            }

            var draw = random.Next(totalWeight);
            var accountCount = 1;
            while (draw >= weights[accountCount - 1])
            {
                draw -= weights[accountCount - 1];
                accountCount++;
            }

            var accounts = new Account[accountCount];
            for (var a = 0; a < accountCount; a++)
            {
                ImmutableArray<Hold> holds = random.Next(100) < 3 ? [new Hold(HoldKind.Dispute, start - Duration.FromDays(random.Next(1, 20)), start + Duration.FromDays(random.Next(1, 30)))] : [];
                accounts[a] = new Account("ACC-" + (nextAccount++).ToString("D7", CultureInfo.InvariantCulture))
                {
                    DueDate = today.PlusDays(random.Next(options.EarliestDueDay, options.LatestDueDay + 1)),
                    AmountDue = new Money(50 + random.Next(951), options.Currency),
                    Autopay = random.Next(50) == 0,
                    Holds = holds,
                };
            }

            var history = new ContactAttempt[random.Next(options.MaxHistory + 1)];
            for (var h = 0; h < history.Length; h++)
            {
                var channel = Channels[random.Next(Channels.Length)];
                var onChannel = points.Where(p => p.Channel == channel).ToList();
                history[h] = new ContactAttempt(start - Duration.FromMinutes(random.Next(60, 30 * 24 * 60)), channel, ContactDirection.Outbound, HistoricOutcome(channel, ref random))
                {
                    ContactPointId = random.Next(5) == 0 ? null : onChannel[random.Next(onChannel.Count)].Id,
                    AccountIds = accountCount > 1 && random.Next(2) == 0 ? [accounts[random.Next(accountCount)].AccountId] : [],
                };
            }

            Array.Sort(history, (x, y) => x.At.CompareTo(y.At));
            yield return new Person("PER-" + i.ToString("D7", CultureInfo.InvariantCulture))
            {
                TimeZoneIds = zones,
                Regions = options.Regions.IsDefaultOrEmpty ? [] : [options.Regions[random.Next(options.Regions.Length)]],
                ContactPoints = points.ToImmutable(),
                Accounts = [.. accounts],
                History = [.. history],
            };
        }
    }

    private static void Validate(SyntheticPortfolioOptions options)
    {
        if (options.Zones.IsDefaultOrEmpty)
        {
            throw new ArgumentException("The options name no zone.", nameof(options));
        }

        if (options.LatestDueDay < options.EarliestDueDay)
        {
            throw new ArgumentException($"The latest due day ({options.LatestDueDay}) is before the earliest ({options.EarliestDueDay}).", nameof(options));
        }

        if (options.AccountsPerPerson.IsDefaultOrEmpty || options.AccountsPerPerson.Any(w => w < 0) || options.AccountsPerPerson.Sum() <= 0)
        {
            throw new ArgumentException("The weights of accounts per person must be at least one, none negative, and not all zero.", nameof(options));
        }

        if (options.MaxContactPointsPerChannel < 1)
        {
            throw new ArgumentException($"The most contact points per channel ({options.MaxContactPointsPerChannel}) is less than one.", nameof(options));
        }
    }

    /// <summary>The kind of a channel's <paramref name="k"/>-th point (from 0).</summary>
    private static ContactPointKind KindOf(Channel channel, int k) => channel switch
    {
        Channel.Call => k switch { 0 => ContactPointKind.Mobile, 1 => ContactPointKind.Landline, _ => ContactPointKind.Work },
        Channel.Sms => ContactPointKind.Mobile,
        Channel.Email => k == 0 ? ContactPointKind.PersonalEmail : ContactPointKind.WorkEmail,
        Channel.Letter => ContactPointKind.Postal,
        _ => ContactPointKind.Other,
    };

    /// <summary>An outcome for an attempt of the starting history: calls mostly unanswered, messages mostly delivered.</summary>
    private static ContactOutcome HistoricOutcome(Channel channel, ref SeededRandom random)
        => channel == Channel.Call
            ? CallOutcomes[random.Next(CallOutcomes.Length)]
            : random.Next(15) == 0 ? ContactOutcome.Failed : ContactOutcome.Delivered;
}
