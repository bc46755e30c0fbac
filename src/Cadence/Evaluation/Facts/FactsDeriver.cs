using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Cadence.CustomRules;
using Cadence.Time;
using NodaTime;

namespace Cadence.Evaluation.Facts;

/// <summary>
/// The first stage: validates a person (or a single account) and derives its facts (zones, local date, sorted history,
/// and per account the day from due and per-step counters) into a reused <see cref="PersonFacts"/>. One per workspace;
/// not thread-safe.
/// </summary>
internal sealed class FactsDeriver(CompiledPolicy compiled)
{
    /// <summary>Sort buffers are kept for histories up to this length; a longer history is sorted into a new array.</summary>
    private const int RetainedLength = 64;

    private readonly ContactAttempt[]?[] sortBuffers = new ContactAttempt[]?[RetainedLength + 1];
    private readonly List<int> used = [];

    /// <summary>Derives the facts of the single account <paramref name="state"/> into <paramref name="facts"/>.</summary>
    /// <returns><see langword="false"/>, with <paramref name="error"/> naming every problem, for an invalid account.</returns>
    public bool TryDerive(PersonFacts facts, BorrowerState state, Instant now, out string? error)
    {
        var policy = compiled.Policy;
        if (!AccountValidator.Check(policy, state, null))
        {
            error = AccountValidator.Describe(policy, state);
            return false;
        }

        error = null;
        var zones = compiled.ZoneSet(state.TimeZoneIds);
        var history = SortedHistory(state.History);
        facts.Load(state, now, zones, history, LocalTimeResolution.DateOf(zones[0], now));
        LoadAccount(facts, 0, state.AccountId, null, state.DueDate, state.AmountDue, state.Autopay, [], []);
        return true;
    }

    /// <summary>Derives the facts of <paramref name="person"/> and each of their accounts into <paramref name="facts"/>.</summary>
    /// <returns><see langword="false"/>, with <paramref name="error"/> naming every problem, for an invalid person.</returns>
    public bool TryDerive(PersonFacts facts, Person person, Instant now, out string? error)
    {
        var policy = compiled.Policy;
        if (!AccountValidator.Check(policy, person, null))
        {
            error = AccountValidator.Describe(policy, person);
            return false;
        }

        error = null;
        var zones = compiled.ZoneSet(person.TimeZoneIds);
        var history = SortedHistory(person.History);
        facts.Load(person, now, zones, history, LocalTimeResolution.DateOf(zones[0], now));
        for (var i = 0; i < person.Accounts.Length; i++)
        {
            var a = person.Accounts[i];
            LoadAccount(facts, i, a.AccountId, a, a.DueDate, a.AmountDue, a.Autopay, a.Holds, a.Tags);
        }

        return true;
    }

    /// <summary>
    /// Whether anything is owed: a due date, and an amount due above zero (or no amount stated: a <see cref="Money"/>
    /// left unset, with no currency). An account that owes nothing gets no collection step of any kind.
    /// </summary>
    public static bool Owes(LocalDate? dueDate, Money amountDue) => dueDate is not null && (amountDue.Currency is null || amountDue.Amount > 0);

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

    /// <summary>Derives one account's facts: day from due, cycle, and the steps served by attempts that concerned it.</summary>
    private void LoadAccount(PersonFacts person, int index, string accountId, Account? source, LocalDate? dueDate, Money amountDue, bool autopay, ImmutableArray<Hold> holds, ImmutableArray<string> tags)
    {
        var zone = person.PrimaryZone;
        var owes = Owes(dueDate, amountDue);
        var due = dueDate.GetValueOrDefault();
        var cycleStart = owes && !compiled.Steps.IsEmpty ? CycleStart(zone, due, compiled.EarliestFromDay) : (Instant?)null;
        var facts = person.NextAccount();
        facts.Load(index, accountId, source, dueDate, amountDue, autopay, holds, tags, owes ? Period.DaysBetween(due, person.Today) : null, cycleStart);

        var attempts = facts.StepAttempts;
        var last = facts.StepLastAttempt;
        Array.Clear(attempts);
        Array.Clear(last);
        foreach (var attempt in person.History)
        {
            if (attempt.StepId is { } id && compiled.StepIndex.TryGetValue(id, out var i)
                && (attempt.Direction == ContactDirection.Outbound || attempt.Channel == Channel.None)
                && attempt.Concerns(accountId))
            {
                if (cycleStart is not { } cycle || attempt.At >= cycle)
                {
                    attempts[i]++;
                }

                last[i] = attempt.At;
            }
        }
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
