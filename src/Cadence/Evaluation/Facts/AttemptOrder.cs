namespace Cadence.Evaluation.Facts;

/// <summary>The fixed order of a history: by instant, then channel, direction, outcome, step id, contact point and accounts.</summary>
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

        if (c == 0)
        {
            c = string.CompareOrdinal(x.StepId, y.StepId);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.ContactPointId, y.ContactPointId);
        }

        return c != 0 ? c : CompareAccounts(x, y);
    }

    private static int CompareAccounts(ContactAttempt x, ContactAttempt y)
    {
        var a = x.AccountIds;
        var b = y.AccountIds;
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            var c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
