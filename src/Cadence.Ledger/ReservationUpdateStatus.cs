namespace Cadence.Ledger;

/// <summary>What a complete or a cancel did.</summary>
public enum ReservationUpdateStatus
{
    /// <summary>The reservation is now completed (or cancelled), as asked.</summary>
    Done = 0,

    /// <summary>It already was, the same way: nothing changed (a retry).</summary>
    AlreadyDone,

    /// <summary>The reservation had expired; its attempt of unknown outcome is replaced by the reported one (both stay in the audit).</summary>
    CompletedLate,

    /// <summary>Refused: the reservation is in a state that does not allow it (<see cref="ReservationUpdate.Message"/> says why). Nothing changed.</summary>
    Refused,

    /// <summary>There is no such reservation.</summary>
    NotFound,
}
