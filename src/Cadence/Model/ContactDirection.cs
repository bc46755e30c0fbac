namespace Cadence;

/// <summary>Who started an attempt.</summary>
public enum ContactDirection
{
    /// <summary>The lender contacted the borrower.</summary>
    Outbound = 0,

    /// <summary>The borrower contacted the lender.</summary>
    Inbound,
}
