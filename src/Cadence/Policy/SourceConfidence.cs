namespace Cadence;

/// <summary>How a jurisdiction pack's figure was established.</summary>
public enum SourceConfidence
{
    /// <summary>[V]: read in the cited source.</summary>
    Verified = 0,

    /// <summary>[U]: widely stated, not verified from a primary text; a default the lender can override.</summary>
    Unverified,

    /// <summary>[D]: a design default of the pack (a stricter reading where the law is silent, an optional guard).</summary>
    Default,
}
