using Cadence.Json;
using NodaTime;

namespace Cadence.Samples.Batch;

/// <summary>
/// The batch's counts: decisions by kind; contacts by channel and escalations by kind, each split into due now and
/// due later; lines of an input file that could not be read (counted as error decisions). Not thread-safe: the batch
/// adds each chunk's decisions once the engine has made them all.
/// </summary>
internal sealed class BatchTally
{
    /// <summary>The kinds of decision, in the order the report lists them.</summary>
    public static readonly DecisionKind[] KindOrder =
        [DecisionKind.Contact, DecisionKind.Escalate, DecisionKind.Wait, DecisionKind.Suppressed, DecisionKind.None, DecisionKind.Error];

    /// <summary>How many unreadable lines are kept to show.</summary>
    public const int UnreadableKept = 3;

    private readonly long[] kinds = new long[(int)Enum.GetValues<DecisionKind>().Max() + 1];
    private readonly long[] contactsNow = new long[(int)Enum.GetValues<Channel>().Max() + 1];
    private readonly long[] contactsLater = new long[(int)Enum.GetValues<Channel>().Max() + 1];
    private readonly SortedDictionary<string, (long Now, long Later)> escalations = new(StringComparer.Ordinal);
    private readonly List<string> unreadableShown = [];

    /// <summary>How many accounts (and unreadable lines) were decided.</summary>
    public long Total { get; private set; }

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

    /// <summary>How many decisions were of <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public long Decisions(DecisionKind kind) => kinds[(int)kind];

    /// <summary>Counts a chunk's decisions.</summary>
    /// <param name="decisions">The decisions.</param>
    /// <param name="now">The evaluation instant: a contact not before it is due now.</param>
    public void Add(ReadOnlySpan<Decision> decisions, Instant now)
    {
        foreach (ref readonly var decision in decisions)
        {
            kinds[(int)decision.Kind]++;
            var dueNow = decision.NotBefore == now;
            if (decision.Kind == DecisionKind.Contact && decision.Channel is { } channel)
            {
                (dueNow ? contactsNow : contactsLater)[(int)channel]++;
            }
            else if (decision.Kind == DecisionKind.Escalate)
            {
                var kind = decision.Step?.EscalationKind ?? decision.Step?.Id ?? "escalation";
                escalations[kind] = Increment(escalations.GetValueOrDefault(kind), dueNow);
            }
        }

        Total += decisions.Length;
    }

    /// <summary>Counts a line that could not be read, as an error decision.</summary>
    /// <param name="line">The line.</param>
    public void Unreadable(AccountReadResult line)
    {
        ArgumentNullException.ThrowIfNull(line);
        UnreadableLines++;
        if (unreadableShown.Count < UnreadableKept)
        {
            unreadableShown.Add(line.ToErrorDecision().Error!.Message);
        }

        Add([line.ToErrorDecision()], default);
    }

    private static (long Now, long Later) Increment((long Now, long Later) counts, bool dueNow)
        => dueNow ? (counts.Now + 1, counts.Later) : (counts.Now, counts.Later + 1);
}
