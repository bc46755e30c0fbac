namespace Cadence;

/// <summary>How the engine chooses among several contacts that are allowed.</summary>
public enum SelectionOrder
{
    /// <summary>Highest priority, then earliest not-before, then declaration order.</summary>
    PriorityThenEarliest = 0,

    /// <summary>Earliest not-before, then highest priority, then declaration order.</summary>
    EarliestThenPriority,
}
