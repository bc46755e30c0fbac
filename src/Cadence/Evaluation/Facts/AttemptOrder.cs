namespace Cadence.Evaluation.Facts;

/// <summary>The fixed order of a history: by instant, then channel, direction, outcome and step id.</summary>
internal sealed class AttemptOrder : IComparer<ContactAttempt>
{
    public static readonly AttemptOrder Instance = new();

    /// <summary>The same order as a cached delegate, so that sorting allocates nothing.</summary>
    public static readonly Comparison<ContactAttempt> Comparison = Instance.Compare;

    // Enum.CompareTo(object) boxes both operands (2 x 24 B): compare the underlying values instead.
    public int Compare(ContactAttempt? x, ContactAttempt? y)
    {
        var c = x!.At.CompareTo(y!.At);
        if (c == 0)
        {
            c = ((int)x.Channel).CompareTo((int)y.Channel);
        }

        if (c == 0)
        {
            c = ((int)x.Direction).CompareTo((int)y.Direction);
        }

        if (c == 0)
        {
            c = ((int)x.Outcome).CompareTo((int)y.Outcome);
        }

        return c != 0 ? c : string.CompareOrdinal(x.StepId, y.StepId);
    }
}
