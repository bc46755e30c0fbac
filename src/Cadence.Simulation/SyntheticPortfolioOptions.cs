using System.Collections.Immutable;

namespace Cadence.Simulation;

/// <summary>What a <see cref="SyntheticPortfolio"/> looks like.</summary>
public sealed record SyntheticPortfolioOptions
{
    /// <summary>US zones, the default.</summary>
    public static ImmutableArray<string> UsZones { get; } = ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "Pacific/Honolulu"];

    /// <summary>Russian zones, from Kaliningrad to Kamchatka.</summary>
    public static ImmutableArray<string> RussianZones { get; } = ["Europe/Kaliningrad", "Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok", "Asia/Kamchatka"];

    /// <summary>The borrowers' zones, drawn uniformly; one in ten borrowers has two.</summary>
    public ImmutableArray<string> Zones { get; init; } = UsZones;

    /// <summary>The currency of the amounts due.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>The earliest due date, in days relative to the start (negative: already overdue). -60 by default.</summary>
    public int EarliestDueDay { get; init; } = -60;

    /// <summary>The latest due date, in days relative to the start. 10 by default.</summary>
    public int LatestDueDay { get; init; } = 10;

    /// <summary>The most attempts in an account's history at the start (spread over the previous 30 days). 12 by default.</summary>
    public int MaxHistory { get; init; } = 12;
}
