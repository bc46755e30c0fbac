namespace Cadence.Ledger;

/// <summary>What a replay found.</summary>
public enum ReplayStatus
{
    /// <summary>Evaluating the stored inputs with the stored policy gives the stored decision, explanation included.</summary>
    Same = 0,

    /// <summary>It gives another decision (both are in the result).</summary>
    Different,

    /// <summary>The decision cannot be replayed: something it needs is missing or differs (the message says what).</summary>
    Refused,
}
