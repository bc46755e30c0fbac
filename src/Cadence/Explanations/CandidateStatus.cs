namespace Cadence.Explanations;

/// <summary>What happened to a candidate.</summary>
public enum CandidateStatus
{
    /// <summary>Allowed and chosen.</summary>
    Chosen = 0,

    /// <summary>Allowed, but another candidate ranked higher.</summary>
    Outranked,

    /// <summary>Blocked by a static rule (contact point, consent, hold, exhaustion, custom rule).</summary>
    Blocked,

    /// <summary>No allowed instant before its window ended or within the horizon.</summary>
    Dropped,
}
