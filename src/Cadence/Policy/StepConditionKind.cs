namespace Cadence;

/// <summary>The conditions of the fixed vocabulary a policy file can express, and <see cref="Custom"/>.</summary>
public enum StepConditionKind
{
    /// <summary>A named predicate written in code; a policy file cannot express it.</summary>
    Custom = 0,

    /// <summary>The account carries a tag.</summary>
    HasTag,

    /// <summary>The account does not carry a tag.</summary>
    LacksTag,

    /// <summary>The amount due is at least a threshold.</summary>
    AmountAtLeast,

    /// <summary>The amount due is below a threshold.</summary>
    AmountBelow,

    /// <summary>The borrower pays by automatic debit, or does not.</summary>
    Autopay,

    /// <summary>A hold of a kind is in effect.</summary>
    HoldActive,

    /// <summary>No hold of a kind is in effect.</summary>
    NoHoldActive,

    /// <summary>Today's day relative to the due date lies in a range.</summary>
    DaysFromDueBetween,
}
