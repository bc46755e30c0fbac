using System.Collections.Immutable;

namespace Cadence.Jurisdictions;

/// <summary>The figures of <see cref="JurisdictionPacks.Russia230Fz"/> a lender may tune.</summary>
public sealed record Russia230FzOptions
{
    /// <summary>
    /// Every placed call counts toward the call limits, not only those that connected (the default counts
    /// conversations only, a widely stated reading not verified in the law's text).
    /// </summary>
    public bool CountAllPlacedCalls { get; init; }

    /// <summary>Steps still allowed during the bans (e.g. a letter to a bankruptcy manager).</summary>
    public ImmutableArray<string> StepsAllowedDuringBans { get; init => field = value.IsDefault ? [] : value; } = [];
}
