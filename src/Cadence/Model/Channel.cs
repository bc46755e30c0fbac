namespace Cadence;

/// <summary>A way of reaching a borrower.</summary>
public enum Channel
{
    /// <summary>No contact channel: used in history for non-contact actions such as an escalation.</summary>
    None = 0,

    /// <summary>E-mail.</summary>
    Email,

    /// <summary>Text message.</summary>
    Sms,

    /// <summary>Telephone call, by a person or a dialer (a voicemail is a call's outcome).</summary>
    Call,

    /// <summary>Postal letter.</summary>
    Letter,

    /// <summary>In-person visit.</summary>
    Visit,

    /// <summary>Push notification in the lender's app.</summary>
    Push,
}
