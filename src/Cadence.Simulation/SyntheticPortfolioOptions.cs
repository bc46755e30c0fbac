using System.Collections.Immutable;

namespace Cadence.Simulation;

/// <summary>What a <see cref="SyntheticPortfolio"/> looks like.</summary>
public sealed record SyntheticPortfolioOptions
{
    /// <summary>US zones, the default.</summary>
    public static ImmutableArray<string> UsZones { get; } = ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "Pacific/Honolulu"];

    /// <summary>Russian zones, from Kaliningrad to Kamchatka.</summary>
    public static ImmutableArray<string> RussianZones { get; } = ["Europe/Kaliningrad", "Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok", "Asia/Kamchatka"];

    /// <summary>
    /// The reference portfolio's shape (the specification's benchmark workload): ten zones across the Americas, Europe
    /// and Asia, due dates from 120 days past to 10 days ahead, histories of up to 40 attempts.
    /// </summary>
    public static SyntheticPortfolioOptions Reference { get; } = new()
    {
        Zones =
        [
            "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
            "Pacific/Honolulu", "Europe/Moscow", "Asia/Vladivostok", "Asia/Shanghai", "Europe/London",
        ],
        EarliestDueDay = -120,
        LatestDueDay = 10,
        MaxHistory = 40,
    };

    /// <summary>The borrowers' zones, drawn uniformly; one in ten borrowers has two.</summary>
    public ImmutableArray<string> Zones { get; init; } = UsZones;

    /// <summary>The currency of the amounts due.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>The earliest due date, in days relative to the start (negative: already overdue). -60 by default.</summary>
    public int EarliestDueDay { get; init; } = -60;

    /// <summary>The latest due date, in days relative to the start. 10 by default.</summary>
    public int LatestDueDay { get; init; } = 10;

    /// <summary>The most attempts in an account's (or a person's) history at the start (spread over the previous 30 days). 12 by default.</summary>
    public int MaxHistory { get; init; } = 12;

    /// <summary>
    /// For <see cref="SyntheticPortfolio.GeneratePersons"/>: the relative weights of persons with one, two, three…
    /// accounts. 70, 20, 10 by default (70 % of persons with one account, 20 % with two, 10 % with three).
    /// </summary>
    public ImmutableArray<int> AccountsPerPerson { get; init; } = [70, 20, 10];

    /// <summary>For <see cref="SyntheticPortfolio.GeneratePersons"/>: the most contact points per channel, each person having one to this many. 3 by default.</summary>
    public int MaxContactPointsPerChannel { get; init; } = 3;

    /// <summary>For <see cref="SyntheticPortfolio.GeneratePersons"/>: the regions persons live in, one drawn per person (<c>US-MA</c>, <c>RU</c>…). None by default: persons carry no region, and every pack binds them.</summary>
    public ImmutableArray<string> Regions { get; init; } = [];
}
