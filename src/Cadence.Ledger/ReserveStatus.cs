namespace Cadence.Ledger;

/// <summary>What a reserve did.</summary>
public enum ReserveStatus
{
    /// <summary>
    /// A contact or escalation is due now and was reserved: the decision's own (<see cref="ReserveResult.Reservation"/>),
    /// the escalations it lists as due on the person's other accounts (<see cref="ReserveResult.Escalations"/>), or both.
    /// Make each, then complete or cancel its reservation.
    /// </summary>
    Reserved = 0,

    /// <summary>Nothing is due now (a wait, a suppression, nothing left, or a contact not before a later instant): nothing was reserved.</summary>
    NotDue,

    /// <summary>The proposed contact is not allowed now: nothing was reserved.</summary>
    NotAllowed,

    /// <summary>The person could not be evaluated (invalid input, a failing rule): nothing was reserved (fail closed).</summary>
    Error,
}
