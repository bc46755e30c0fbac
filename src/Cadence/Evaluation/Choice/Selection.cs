namespace Cadence.Evaluation.Choice;

/// <summary>How placed candidates are ranked: by the policy's <see cref="SelectionOrder"/>, ties keeping declaration order.</summary>
internal static class Selection
{
    /// <summary>Whether a candidate at <paramref name="notBefore"/> ranks above the best so far.</summary>
    public static bool Ranks(SelectionOrder order, CadenceStep candidate, NodaTime.Instant notBefore, CadenceStep best, NodaTime.Instant bestNotBefore)
    {
        var byPriority = candidate.Priority.CompareTo(best.Priority);
        var byTime = bestNotBefore.CompareTo(notBefore);
        return order == SelectionOrder.PriorityThenEarliest
            ? byPriority > 0 || (byPriority == 0 && byTime > 0)
            : byTime > 0 || (byTime == 0 && byPriority > 0);
    }
}
