using Cadence.Json;
using NodaTime;

namespace Cadence.Samples.Batch;

/// <summary>
/// The batch's counts: decisions by kind, as persons decided so and as the accounts those persons have; contacts by
/// channel and escalations by kind (a decision's own, and those it lists as due on a person's other accounts), each
/// split into due now and due later; lines of an input file that could not be read (counted as error decisions, of
/// one person and one account). Not thread-safe: the batch adds each chunk's decisions once the engine has made them
/// all.
/// </summary>
internal sealed class BatchTally
{
    /// <summary>The kinds of decision, in the order the report lists them.</summary>
    public static readonly DecisionKind[] KindOrder =
        [DecisionKind.Contact, DecisionKind.Escalate, DecisionKind.Wait, DecisionKind.Suppressed, DecisionKind.None, DecisionKind.Error];

    /// <summary>How many unreadable lines are kept to show.</summary>
    public const int UnreadableKept = 3;

    private readonly long[] kinds = new long[(int)Enum.GetValues<DecisionKind>().Max() + 1];
    private readonly long[] kindAccounts = new long[(int)Enum.GetValues<DecisionKind>().Max() + 1];
    private readonly long[] contactsNow = new long[(int)Enum.GetValues<Channel>().Max() + 1];
    private readonly long[] contactsLater = new long[(int)Enum.GetValues<Channel>().Max() + 1];
    private readonly SortedDictionary<string, (long Now, long Later)> escalations = new(StringComparer.Ordinal);
    private readonly List<string> unreadableShown = [];

    /// <summary>How many persons (and unreadable lines) were decided: one decision each.</summary>
    public long Total { get; private set; }

    /// <summary>How many accounts the persons decided have (an unreadable line counts as one).</summary>
    public long Accounts { get; private set; }

    /// <summary>How many lines of the input could not be read.</summary>
    public long UnreadableLines { get; private set; }

    /// <summary>The first few unreadable lines' problems.</summary>
    public IReadOnlyList<string> UnreadableShown => unreadableShown;

    /// <summary>Contacts by channel, in the channels' order: due now (not before the evaluation instant) and later.</summary>
    public IReadOnlyDictionary<Channel, (long Now, long Later)> Contacts => new SortedDictionary<Channel, (long Now, long Later)>(
        Enum.GetValues<Channel>()
            .Where(c => contactsNow[(int)c] + contactsLater[(int)c] > 0)
            .ToDictionary(c => c, c => (contactsNow[(int)c], contactsLater[(int)c])));

    /// <summary>Escalations by kind: due now and later.</summary>
    public IReadOnlyDictionary<string, (long Now, long Later)> Escalations => escalations;

    /// <summary>How many decisions (persons) were of <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public long Decisions(DecisionKind kind) => kinds[(int)kind];

    /// <summary>How many accounts the persons whose decision was of <paramref name="kind"/> have.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public long AccountsDecided(DecisionKind kind) => kindAccounts[(int)kind];

    /// <summary>Counts a chunk's decisions.</summary>
    /// <param name="persons">The persons decided.</param>
    /// <param name="decisions">Their decisions, index for index.</param>
    /// <param name="now">The evaluation instant: a contact not before it is due now.</param>
    public void Add(ReadOnlySpan<Person> persons, ReadOnlySpan<Decision> decisions, Instant now)
    {
        if (persons.Length != decisions.Length)
        {
            throw new ArgumentException($"{persons.Length} persons but {decisions.Length} decisions.", nameof(decisions));
        }

        for (var i = 0; i < decisions.Length; i++)
        {
            Add(decisions[i], persons[i].Accounts.Length, now);
        }
    }

    /// <summary>Counts a line that could not be read, as an error decision.</summary>
    /// <param name="line">The line.</param>
    public void Unreadable(PersonReadResult line)
    {
        ArgumentNullException.ThrowIfNull(line);
        UnreadableLines++;
        var decision = line.ToErrorDecision();
        if (unreadableShown.Count < UnreadableKept)
        {
            unreadableShown.Add(decision.Error!.Message);
        }

        Add(decision, 1, default);
    }

    private void Add(in Decision decision, int accounts, Instant now)
    {
        kinds[(int)decision.Kind]++;
        kindAccounts[(int)decision.Kind] += accounts;
        Total++;
        Accounts += accounts;
        if (decision.Kind == DecisionKind.Contact && decision.Channel is { } channel)
        {
            (decision.NotBefore == now ? contactsNow : contactsLater)[(int)channel]++;
        }
        else if (decision.Kind == DecisionKind.Escalate)
        {
            Escalation(decision, now);
        }

        foreach (var escalation in decision.Escalations)
        {
            Escalation(escalation, now);
        }
    }

    private void Escalation(in Decision escalation, Instant now)
    {
        var kind = escalation.Step?.EscalationKind ?? escalation.Step?.Id ?? "escalation";
        escalations[kind] = Increment(escalations.GetValueOrDefault(kind), escalation.NotBefore == now);
    }

    private static (long Now, long Later) Increment((long Now, long Later) counts, bool dueNow)
        => dueNow ? (counts.Now + 1, counts.Later) : (counts.Now, counts.Later + 1);
}
