using NodaTime;

namespace Cadence.Json;

/// <summary>A chunk of records read by <see cref="PersonJson.ReadChunksAsync"/>: consecutive lines, in input order.</summary>
/// <param name="Records">The records, one per non-blank line, each with its line number.</param>
/// <param name="BytesRead">The bytes of the input consumed from its start through the end of the chunk's last line (for a progress line).</param>
public sealed record PersonReadChunk(IReadOnlyList<PersonReadResult> Records, long BytesRead)
{
    /// <summary>
    /// Decides for every record of the chunk, as <see cref="PersonReadResult.Evaluate"/> decides for one: its accounts
    /// as one batch and its persons as another (<see cref="ICadenceEngine.EvaluateBatch(IReadOnlyList{BorrowerState}, Memory{Decision}, Instant, CancellationToken)"/>,
    /// in parallel as the engine is set up), a record that could not be read as its error decision.
    /// </summary>
    /// <param name="engine">The engine.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <param name="cancellationToken">Stops the evaluation.</param>
    /// <returns>One decision per record, in the records' order.</returns>
    public Decision[] Evaluate(ICadenceEngine engine, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var accounts = new List<BorrowerState>();
        var persons = new List<Person>();
        foreach (var record in Records)
        {
            if (record.Account is { } account)
            {
                accounts.Add(account);
            }
            else if (record.Person is { } person)
            {
                persons.Add(person);
            }
        }

        var accountDecisions = engine.EvaluateBatch(accounts, now, cancellationToken);
        var personDecisions = engine.EvaluateBatch(persons, now, cancellationToken);
        var decisions = new Decision[Records.Count];
        var (nextAccount, nextPerson) = (0, 0);
        for (var i = 0; i < decisions.Length; i++)
        {
            var record = Records[i];
            decisions[i] = record.Account is not null ? accountDecisions[nextAccount++]
                : record.Person is not null ? personDecisions[nextPerson++]
                : record.ToErrorDecision();
        }

        return decisions;
    }
}
