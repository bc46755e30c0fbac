namespace Cadence.Benchmarks;

/// <summary>Whether the hand-written baseline decided as the engine did, person by person.</summary>
public static class Agreement
{
    /// <summary>
    /// Counts the persons on whose decision the baseline agrees with the engine: for a contact or an escalation the
    /// same kind, step, not-before instant, account and contact point; otherwise no contact from the baseline (it does
    /// not tell a wait, a suppression and nothing due apart). Writes the first <paramref name="show"/> disagreements.
    /// </summary>
    public static int Count(IReadOnlyList<Person> persons, IReadOnlyList<Decision> engine, IReadOnlyList<BaselineDecision> baseline, TextWriter log, int show)
    {
        var agree = 0;
        var shown = 0;
        for (var i = 0; i < persons.Count; i++)
        {
            var p = persons[i];
            var d = engine[i];
            var b = baseline[i];
            var same = d.Kind is DecisionKind.Contact or DecisionKind.Escalate
                ? b.Kind == d.Kind
                  && HandWrittenBaseline.StepId(b.Step) == d.Step!.Id
                  && b.NotBefore == d.NotBefore
                  && d.AccountIds.Length == 1 && d.AccountIds[0] == p.Accounts[b.Account].AccountId
                  && (b.Point < 0 ? d.ContactPointId is null : d.ContactPointId == p.ContactPoints[b.Point].Id)
                : b.Kind == DecisionKind.None;
            if (same)
            {
                agree++;
            }
            else if (shown++ < show)
            {
                var mine = b.Kind == DecisionKind.None
                    ? "none"
                    : $"{b.Kind} {HandWrittenBaseline.StepId(b.Step)} about {p.Accounts[b.Account].AccountId} via {(b.Point < 0 ? "-" : p.ContactPoints[b.Point].Id)} not before {b.NotBefore}";
                log.WriteLine($"// baseline differs on {p.PersonId}: engine {d}, baseline {mine}");
            }
        }

        return agree;
    }
}
