using System.Globalization;
using System.Text;

namespace Cadence.Samples.Worker;

/// <summary>What the worker has done since it started: decisions by kind, contacts made by channel, escalations.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class WorkerSummary
{
    private static readonly DecisionKind[] KindOrder =
        [DecisionKind.Contact, DecisionKind.Escalate, DecisionKind.Wait, DecisionKind.Suppressed, DecisionKind.None, DecisionKind.Error];

    private readonly Lock gate = new();
    private readonly Dictionary<DecisionKind, int> decisions = [];
    private readonly SortedDictionary<Channel, int> contacts = [];
    private int escalations;
    private int failedDispatches;

    /// <summary>How many evaluations were made.</summary>
    public int Evaluations
    {
        get
        {
            lock (gate)
            {
                return decisions.Values.Sum();
            }
        }
    }

    /// <summary>How many contacts were made (escalations not included).</summary>
    public int Contacts
    {
        get
        {
            lock (gate)
            {
                return contacts.Values.Sum();
            }
        }
    }

    /// <summary>How many escalations were made.</summary>
    public int Escalations
    {
        get
        {
            lock (gate)
            {
                return escalations;
            }
        }
    }

    /// <summary>How many dispatches failed (and were retried later).</summary>
    public int FailedDispatches
    {
        get
        {
            lock (gate)
            {
                return failedDispatches;
            }
        }
    }

    /// <summary>How many evaluations gave a decision of <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind of decision.</param>
    /// <returns>The count.</returns>
    public int Decisions(DecisionKind kind)
    {
        lock (gate)
        {
            return decisions.GetValueOrDefault(kind);
        }
    }

    /// <summary>Counts an evaluation.</summary>
    /// <param name="decision">Its decision.</param>
    public void Evaluated(in Decision decision)
    {
        lock (gate)
        {
            decisions[decision.Kind] = decisions.GetValueOrDefault(decision.Kind) + 1;
        }
    }

    /// <summary>Counts a contact or an escalation that was made.</summary>
    /// <param name="decision">Its decision.</param>
    public void Dispatched(in Decision decision)
    {
        lock (gate)
        {
            if (decision.Channel is { } channel)
            {
                contacts[channel] = contacts.GetValueOrDefault(channel) + 1;
            }
            else
            {
                escalations++;
            }
        }
    }

    /// <summary>Counts a dispatch that failed.</summary>
    public void DispatchFailed()
    {
        lock (gate)
        {
            failedDispatches++;
        }
    }

    /// <summary>The counts, e.g. <c>decisions Contact=3 Escalate=1 …; contacts Email=2 Call=1; 1 escalation; 0 failed dispatches</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        lock (gate)
        {
            var text = new StringBuilder("decisions");
            foreach (var kind in KindOrder)
            {
                text.Append(CultureInfo.InvariantCulture, $" {kind}={decisions.GetValueOrDefault(kind)}");
            }

            text.Append("; contacts made");
            if (contacts.Count == 0)
            {
                text.Append(" none");
            }

            foreach (var (channel, count) in contacts)
            {
                text.Append(CultureInfo.InvariantCulture, $" {channel}={count}");
            }

            return text.Append(CultureInfo.InvariantCulture, $"; escalations made {escalations}; failed dispatches {failedDispatches}").ToString();
        }
    }
}
