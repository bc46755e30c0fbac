namespace Cadence;

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

    /// <summary>Not known: the contact may have been made, but its end was never reported (e.g. a reservation that expired). Counts for every outcome a rule looks for, and as a failure for exhaustion.</summary>
    Unknown,
}
