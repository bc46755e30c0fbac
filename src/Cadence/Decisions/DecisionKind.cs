namespace Cadence;

/// <summary>What the engine decided for an account.</summary>
public enum DecisionKind
{
    /// <summary>Nothing will be due given the current state (nothing owed, no steps left).</summary>
    None = 0,

    /// <summary>Make the contact <see cref="Decision.Step"/> not before <see cref="Decision.NotBefore"/>.</summary>
    Contact,

    /// <summary>Take the non-contact step <see cref="Decision.Step"/> (agency placement, bureau notice…).</summary>
    Escalate,

    /// <summary>Nothing is allowed now; look again at <see cref="Decision.ReviewAt"/>.</summary>
    Wait,

    /// <summary>A hold forbids every due step; it lapses at <see cref="Decision.ReviewAt"/> (<see langword="null"/>: not by itself).</summary>
    Suppressed,

    /// <summary>The account could not be evaluated; see <see cref="Decision.Error"/>. Never a contact.</summary>
    Error,
}
