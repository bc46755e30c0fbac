using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Cadence.CustomRules;
using Cadence.Evaluation.Candidates;
using Cadence.Time;
using NodaTime;

namespace Cadence.Evaluation.Facts;

/// <summary>
/// The first stage: validates an account and derives its facts (zones, local date, day from due, sorted history,
/// per-step counters) into a reused <see cref="AccountFacts"/>. One per workspace; not thread-safe.
/// </summary>
internal sealed class FactsDeriver(CompiledPolicy compiled)
{
    private readonly Dictionary<int, ContactAttempt[]> sortBuffers = [];

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
        var owes = StepTiming.Owes(state);
        var due = state.DueDate.GetValueOrDefault();
        var cycleStart = owes && !policy.Steps.IsEmpty ? StepTiming.CycleStart(zone, due, compiled.EarliestFromDay) : (Instant?)null;
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

    /// <summary>The history sorted in a fixed order: the state's own array when it is sorted already, else a reused buffer.</summary>
    private ImmutableArray<ContactAttempt> SortedHistory(ImmutableArray<ContactAttempt> history)
    {
        for (var i = 1; i < history.Length; i++)
        {
            if (AttemptOrder.Instance.Compare(history[i - 1], history[i]) > 0)
            {
                if (!sortBuffers.TryGetValue(history.Length, out var buffer))
                {
                    sortBuffers[history.Length] = buffer = new ContactAttempt[history.Length];
                }

                history.CopyTo(buffer);
                buffer.AsSpan().Sort(AttemptOrder.Comparison);
                return ImmutableCollectionsMarshal.AsImmutableArray(buffer);
            }
        }

        return history;
    }
}
