using System.Collections.Immutable;
using Cadence.Simulation;
using NodaTime;

namespace Cadence.Cli.Tests.Support;

/// <summary>Simulation results built by hand, to draw and print without running a simulation.</summary>
internal static class Simulations
{
    public static Instant Start { get; } = Instant.FromUtc(2026, 3, 2, 0, 0);

    /// <summary>
    /// A champion/challenger run over <paramref name="days"/> days: the champion calls more, the challenger texts more;
    /// both escalate a little and send letters on Mondays.
    /// </summary>
    public static SimulationResult TwoVariants(int days = 28)
    {
        var daily = new List<DailyChannelCount>();
        var first = Start.InUtc().Date;
        for (var i = 0; i < days; i++)
        {
            var date = first.PlusDays(i);
            var weekend = date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
            Add(date, "champion", Channel.Email, 40 - i);
            Add(date, "champion", Channel.Sms, 60 + (i % 7 * 3));
            Add(date, "champion", Channel.Call, weekend ? 20 : 90 - i);
            Add(date, "champion", Channel.Letter, date.DayOfWeek == IsoDayOfWeek.Monday ? 30 : 0);
            Add(date, "champion", Channel.None, i % 5 == 0 ? 2 : 0);
            Add(date, "challenger", Channel.Email, 35 - i);
            Add(date, "challenger", Channel.Sms, 110 - i);
            Add(date, "challenger", Channel.Call, weekend ? 10 : 45 - (i / 2));
            Add(date, "challenger", Channel.Letter, date.DayOfWeek == IsoDayOfWeek.Monday ? 28 : 0);
        }

        return new SimulationResult(
            new SimulationOptions { Start = Start, End = Start + Duration.FromDays(days), Seed = 7 },
            [],
            [.. daily],
            [Summary("champion", 5020, daily), Summary("challenger", 4980, daily)],
            [],
            Evaluations: 123_456);

        void Add(LocalDate date, string variant, Channel channel, int contacts)
        {
            if (contacts > 0)
            {
                daily.Add(new DailyChannelCount(date, variant, channel, contacts));
            }
        }
    }

    /// <summary>A run without an experiment: one policy, e-mail and SMS only, and one day without any contact.</summary>
    public static SimulationResult OnePolicy()
    {
        var first = Start.InUtc().Date;
        ImmutableArray<DailyChannelCount> daily =
        [
            new(first, null, Channel.Email, 12),
            new(first, null, Channel.Sms, 30),
            new(first.PlusDays(2), null, Channel.Sms, 25),
        ];
        return new SimulationResult(
            new SimulationOptions { Start = Start, End = Start + Duration.FromDays(3), Seed = 1 },
            [],
            daily,
            [Summary(null, 100, daily)],
            [],
            Evaluations: 900);
    }

    private static VariantSummary Summary(string? variant, int accounts, IEnumerable<DailyChannelCount> daily)
    {
        var mine = daily.Where(d => d.Variant == variant).ToList();
        var byChannel = mine.GroupBy(d => d.Channel).ToImmutableSortedDictionary(g => g.Key, g => g.Sum(d => d.Contacts));
        var contacts = mine.Sum(d => d.Contacts);
        return new VariantSummary(variant, accounts, byChannel, Conversations: contacts / 20, Promises: contacts / 50, Payments: contacts / 40, CuredAccounts: contacts / 45, Violations: 0);
    }
}
