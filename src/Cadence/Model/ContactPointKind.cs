namespace Cadence;

/// <summary>
/// What a contact point is: a mobile or landline number, a work number, a personal or work e-mail address, a postal
/// address… Laws count some limits by kind (Massachusetts' 2 calls per 30 days to a non-residential number), and a
/// policy prefers some kinds over others when several points of a channel are usable
/// (<see cref="CadencePolicy.ContactPointPreference"/>).
/// </summary>
public enum ContactPointKind
{
    /// <summary>Not stated.</summary>
    Unspecified = 0,

    /// <summary>A mobile (cell) number.</summary>
    Mobile,

    /// <summary>A residential landline number.</summary>
    Landline,

    /// <summary>A work number.</summary>
    Work,

    /// <summary>A personal e-mail address.</summary>
    PersonalEmail,

    /// <summary>A work (employer-provided) e-mail address.</summary>
    WorkEmail,

    /// <summary>A postal address.</summary>
    Postal,

    /// <summary>An app installation (push notifications).</summary>
    App,

    /// <summary>Any other kind.</summary>
    Other,
}
