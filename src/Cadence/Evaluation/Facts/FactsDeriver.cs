using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Cadence.CustomRules;
using Cadence.Time;
using NodaTime;

namespace Cadence.Evaluation.Facts;

/// <summary>
/// The first stage: validates an account and derives its facts (zones, local date, day from due, sorted history,
/// per-step counters) into a reused <see cref="AccountFacts"/>. One per workspace; not thread-safe.
/// </summary>
internal sealed class FactsDeriver(CompiledPolicy compiled)
{
    /// <summary>Sort buffers are kept for histories up to this length; a longer history is sorted into a new array.</summary>
    private const int RetainedLength = 64;

    private readonly ContactAttempt[]?[] sortBuffers = new ContactAttempt[]?[RetainedLength + 1];
    private readonly List<int> used = [];

    /// <summary>Derives the facts of <paramref name="state"/> into <paramref name="facts"/>.</summary>
    /// <returns><see langword="false"/>, with <paramref name="error"/> naming every problem, for an invalid account.</returns>
    public bool TryDerive(AccountFacts facts, BorrowerState state, Instant now, out string? error)
    {
        var policy = compiled.Policy;
        if (!AccountValidator.Check(policy, state, null))
        {
            error = AccountValidator.Describe(policy, state);
            return false;
        }

        error = null;
        var zones = compiled.ZoneSet(state.TimeZoneIds);
        var zone = zones[0];
        var history = SortedHistory(state.History);
        var today = LocalTimeResolution.DateOf(zone, now);
        var owes = Owes(state);
        var due = state.DueDate.GetValueOrDefault();
        var cycleStart = owes && !policy.Steps.IsEmpty ? CycleStart(zone, due, compiled.EarliestFromDay) : (Instant?)null;
        facts.Load(state, now, zones, history, today, owes ? Period.DaysBetween(due, today) : null, cycleStart);

        var attempts = facts.StepAttempts;
        var last = facts.StepLastAttempt;
        Array.Clear(attempts);
        Array.Clear(last);
        foreach (var attempt in history)
        {
            if (attempt.StepId is { } id && compiled.StepIndex.TryGetValue(id, out var index)
                && (attempt.Direction == ContactDirection.Outbound || attempt.Channel == Channel.None))
            {
                if (cycleStart is not { } cycle || attempt.At >= cycle)
                {
                    attempts[index]++;
                }

                last[index] = attempt.At;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether anything is owed on the account: a due date, and an amount due above zero (or no amount stated: a
    /// <see cref="Money"/> left unset, with no currency). An account that owes nothing gets no collection step of any
    /// kind, contact or escalation, whatever its holds.
    /// </summary>
    public static bool Owes(BorrowerState state) => state.DueDate is not null && (state.AmountDue.Currency is null || state.AmountDue.Amount > 0);

    /// <summary>When the due date's cycle begins: the start of the due date, or of the earliest first day of a step before it.</summary>
    public static Instant CycleStart(DateTimeZone zone, LocalDate due, int earliestFromDay)
        => LocalTimeResolution.StartOfDay(zone, due.PlusDays(Math.Min(0, earliestFromDay)));

    /// <summary>
    /// Lets go of every account derived since the last call: the sort buffers are cleared (they are kept, so that the
    /// next batch allocates nothing), so that a pooled workspace holds no borrower's data between batches.
    /// </summary>
    public void Forget()
    {
        foreach (var length in used)
        {
            Array.Clear(sortBuffers[length]!);
        }

        used.Clear();
    }

    /// <summary>The history sorted in a fixed order: the state's own array when it is sorted already, else a reused buffer.</summary>
    private ImmutableArray<ContactAttempt> SortedHistory(ImmutableArray<ContactAttempt> history)
    {
        for (var i = 1; i < history.Length; i++)
        {
            if (AttemptOrder.Instance.Compare(history[i - 1], history[i]) > 0)
            {
                ContactAttempt[] buffer;
                if (history.Length <= RetainedLength)
                {
                    if (sortBuffers[history.Length] is not { } kept)
                    {
                        sortBuffers[history.Length] = kept = new ContactAttempt[history.Length];
                    }

                    buffer = kept;
                    if (!used.Contains(history.Length))
                    {
                        used.Add(history.Length);
                    }
                }
                else
                {
                    buffer = new ContactAttempt[history.Length];
                }

                history.CopyTo(buffer);
                buffer.AsSpan().Sort(AttemptOrder.Comparison);
                return ImmutableCollectionsMarshal.AsImmutableArray(buffer);
            }
        }

        return history;
    }
}
