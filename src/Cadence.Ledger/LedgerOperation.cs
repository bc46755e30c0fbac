namespace Cadence.Ledger;

/// <summary>What a stored decision answered.</summary>
public enum LedgerOperation
{
    /// <summary>The next contact with the person (<see cref="ICadenceEngine.Evaluate(Person, NodaTime.Instant)"/>).</summary>
    Evaluate = 0,

    /// <summary>Whether a proposed contact may be made now (<see cref="ICadenceEngine.Check"/>).</summary>
    Check,
}
