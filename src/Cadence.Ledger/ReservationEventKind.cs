namespace Cadence.Ledger;

/// <summary>What happened to a reservation.</summary>
public enum ReservationEventKind
{
    /// <summary>It was made.</summary>
    Reserved = 0,

    /// <summary>It was completed with an outcome.</summary>
    Completed,

    /// <summary>It was cancelled.</summary>
    Cancelled,

    /// <summary>It expired: an attempt of unknown outcome was recorded.</summary>
    Expired,

    /// <summary>It was completed after it had expired: the reported outcome replaced the unknown one.</summary>
    CompletedLate,
}
