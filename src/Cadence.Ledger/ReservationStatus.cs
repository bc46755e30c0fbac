namespace Cadence.Ledger;

/// <summary>Where a reservation stands.</summary>
public enum ReservationStatus
{
    /// <summary>Reserved; the contact may be under way.</summary>
    Open = 0,

    /// <summary>The contact was made and its outcome reported.</summary>
    Completed,

    /// <summary>The contact was not made.</summary>
    Cancelled,

    /// <summary>
    /// Neither completed nor cancelled within its time to live: it counts as an attempt whose outcome is
    /// <see cref="ContactOutcome.Unknown"/>, until a late completion replaces it.
    /// </summary>
    Expired,
}
