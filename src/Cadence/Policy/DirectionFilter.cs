namespace Cadence;

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
