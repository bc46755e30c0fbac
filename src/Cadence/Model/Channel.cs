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

/// <summary>Who started an attempt.</summary>
public enum ContactDirection
{
    /// <summary>The lender contacted the borrower.</summary>
    Outbound = 0,

    /// <summary>The borrower contacted the lender.</summary>
    Inbound,
}

/// <summary>Which directions an attempt filter matches.</summary>
[Flags]
public enum DirectionFilter
{
    /// <summary>Outbound attempts.</summary>
    Outbound = 1,

    /// <summary>Inbound attempts.</summary>
    Inbound = 2,

    /// <summary>Attempts in either direction.</summary>
    Any = Outbound | Inbound,
}

/// <summary>How an attempt ended.</summary>
public enum ContactOutcome
{
    /// <summary>Handed to the carrier or mail service; no delivery report yet.</summary>
    Sent = 0,

    /// <summary>Delivered (message, e-mail, letter).</summary>
    Delivered,

    /// <summary>Could not be delivered or connected (network error, invalid number).</summary>
    Failed,

    /// <summary>The address bounced.</summary>
    Bounced,

    /// <summary>The call rang out.</summary>
    NoAnswer,

    /// <summary>The line was busy.</summary>
    Busy,

    /// <summary>The call reached voicemail.</summary>
    Voicemail,

    /// <summary>A conversation with the borrower took place.</summary>
    Conversation,

    /// <summary>Someone other than the borrower was reached.</summary>
    WrongParty,
}
