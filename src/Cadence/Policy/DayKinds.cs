namespace Cadence;

/// <summary>Kinds of local day a contact window applies to. A public holiday on a weekend is both.</summary>
[Flags]
public enum DayKinds
{
    /// <summary>No day.</summary>
    None = 0,

    /// <summary>Monday to Friday.</summary>
    Weekday = 1,

    /// <summary>Saturday.</summary>
    Saturday = 2,

    /// <summary>Sunday.</summary>
    Sunday = 4,

    /// <summary>A holiday of the policy's calendar.</summary>
    Holiday = 8,

    /// <summary>Saturday and Sunday.</summary>
    Weekend = Saturday | Sunday,

    /// <summary>Every day.</summary>
    All = Weekday | Saturday | Sunday | Holiday,
}
