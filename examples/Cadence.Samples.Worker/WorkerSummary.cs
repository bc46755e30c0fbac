using System.Globalization;
using System.Text;

namespace Cadence.Samples.Worker;

/// <summary>
/// What the worker has done since it started: decisions by kind, contacts made by channel, escalations, and, with a
/// contact ledger, what became of the reservations.
/// </summary>
/// <param name="ledger">Whether the worker goes through a contact ledger: its counts are then part of the text.</param>
/// <remarks>Thread-safe.</remarks>
internal sealed class WorkerSummary(bool ledger = false)
{
    private static readonly DecisionKind[] KindOrder =
        [DecisionKind.Contact, DecisionKind.Escalate, DecisionKind.Wait, DecisionKind.Suppressed, DecisionKind.None, DecisionKind.Error];

    private readonly Lock gate = new();
    private readonly Dictionary<DecisionKind, int> decisions = [];
    private readonly SortedDictionary<Channel, int> contacts = [];
    private int escalations;
    private int failedDispatches;
    private int reserved;
    private int completed;
    private int cancelled;
    private int answeredBefore;
    private int expired;

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

    /// <summary>How many contacts or escalations the ledger reserved for this worker.</summary>
    public int Reserved
    {
        get
        {
            lock (gate)
            {
                return reserved;
            }
        }
    }

    /// <summary>How many reservations were completed: their contact was made and recorded.</summary>
    public int Completed
    {
        get
        {
            lock (gate)
            {
                return completed;
            }
        }
    }

    /// <summary>How many reservations were cancelled: their dispatch failed or was declined.</summary>
    public int Cancelled
    {
        get
        {
            lock (gate)
            {
                return cancelled;
            }
        }
    }

    /// <summary>How many reserves the ledger had answered before (the same idempotency key): nothing was made again.</summary>
    public int AnsweredBefore
    {
        get
        {
            lock (gate)
            {
                return answeredBefore;
            }
        }
    }

    /// <summary>How many open reservations expired into attempts of unknown outcome.</summary>
    public int Expired
    {
        get
        {
            lock (gate)
            {
                return expired;
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

    /// <summary>Counts a reservation the ledger made for this worker.</summary>
    public void ReservationMade()
    {
        lock (gate)
        {
            reserved++;
        }
    }

    /// <summary>Counts a reservation that was completed.</summary>
    public void ReservationCompleted()
    {
        lock (gate)
        {
            completed++;
        }
    }

    /// <summary>Counts a reservation that was cancelled.</summary>
    public void ReservationCancelled()
    {
        lock (gate)
        {
            cancelled++;
        }
    }

    /// <summary>Counts a reserve the ledger had answered before.</summary>
    public void ReserveAnsweredBefore()
    {
        lock (gate)
        {
            answeredBefore++;
        }
    }

    /// <summary>Counts reservations that expired.</summary>
    /// <param name="count">How many.</param>
    public void ReservationsExpired(int count)
    {
        lock (gate)
        {
            expired += count;
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

            text.Append(CultureInfo.InvariantCulture, $"; escalations made {escalations}; failed dispatches {failedDispatches}");
            if (ledger)
            {
                text.Append(CultureInfo.InvariantCulture, $"; reservations made {reserved}, completed {completed}, cancelled {cancelled}, expired {expired}; answered before {answeredBefore}");
            }

            return text.ToString();
        }
    }
}
