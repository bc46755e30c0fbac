using System.Collections.Immutable;
using NodaTime;

namespace Cadence.CustomRules;

/// <summary>
/// The facts derived once per account and evaluation instant: zones, local date, day relative to the due date,
/// sorted history and per-step counters. Inserted into the rules session; custom rules and step conditions match it.
/// </summary>
/// <remarks>
/// Read-only to its users, and valid while its account is being evaluated: the engine reuses an instance for the next
/// account of a batch, so a rule or condition must not keep it (or its <see cref="History"/>) beyond that.
/// </remarks>
public sealed class AccountFacts
{
    private static readonly BorrowerState Forgotten = new(string.Empty);
    private readonly IReadOnlyDictionary<string, int> stepIndex;
    private LocalDate[] attemptDates = [];
    private int[] attemptDateStamps = [];
    private int stamp;

    internal AccountFacts(CadencePolicy policy, IReadOnlyDictionary<string, int> stepIndex)
    {
        Policy = policy;
        this.stepIndex = stepIndex;
        StepAttempts = new int[policy.Steps.Length];
        StepLastAttempt = new Instant?[policy.Steps.Length];
    }

    /// <summary>The policy the facts were derived for.</summary>
    public CadencePolicy Policy { get; }

    /// <summary>The account's state.</summary>
    public BorrowerState State { get; private set; } = null!;

    /// <summary>The account's id.</summary>
    public string AccountId => State.AccountId;

    /// <summary>The evaluation instant.</summary>
    public Instant Now { get; private set; }

    /// <summary>The borrower's zones, resolved; the first one counts local dates.</summary>
    public ImmutableArray<DateTimeZone> Zones { get; private set; }

    /// <summary>The zone local dates are counted in.</summary>
    public DateTimeZone PrimaryZone => Zones[0];

    /// <summary>Today's local date in the primary zone.</summary>
    public LocalDate Today { get; private set; }

    /// <summary>
    /// Today's day relative to the due date (negative before it); <see langword="null"/> when nothing is owed: no due
    /// date, or an amount due of zero or less.
    /// </summary>
    public int? DayFromDue { get; private set; }

    /// <summary>The history sorted by instant (ties in a fixed order), so that evaluation never depends on input order.</summary>
    public ImmutableArray<ContactAttempt> History { get; private set; }

    /// <summary>
    /// When the current due date's cycle began: the start of the local due date, or of the first day a step of the
    /// policy can be due before it (e.g. a reminder a week ahead), whichever is earlier. Attempts before it served an
    /// earlier instalment or delinquency and do not count as serving this cycle's steps (they still count for caps,
    /// cooldowns, exhaustion and repeat intervals).
    /// </summary>
    public Instant? CycleStart { get; private set; }

    /// <summary>Attempts that served each step in this cycle, index for index with the policy's steps.</summary>
    internal int[] StepAttempts { get; }

    /// <summary>When each step was last served, in any cycle, index for index with the policy's steps.</summary>
    internal Instant?[] StepLastAttempt { get; }

    /// <summary>Whether the account carries <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool HasTag(string tag)
    {
        foreach (var t in State.Tags)
        {
            if (string.Equals(t, tag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first hold of <paramref name="kind"/> in effect now, if any.</summary>
    /// <param name="kind">The hold kind.</param>
    /// <returns>The hold, or <see langword="null"/>.</returns>
    public Hold? ActiveHold(HoldKind kind)
    {
        foreach (var hold in State.Holds)
        {
            if (hold.Kind == kind && hold.IsActiveAt(Now))
            {
                return hold;
            }
        }

        return null;
    }

    /// <summary>The contact point for <paramref name="channel"/>, if the borrower has one.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The contact point, or <see langword="null"/>.</returns>
    public ContactPoint? ContactPointFor(Channel channel)
    {
        foreach (var point in State.ContactPoints)
        {
            if (point.Channel == channel)
            {
                return point;
            }
        }

        return null;
    }

    /// <summary>How many attempts in the current cycle have served <paramref name="step"/> (outbound, or non-contact actions).</summary>
    /// <param name="step">A step of the policy.</param>
    /// <returns>The count.</returns>
    public int AttemptsOf(CadenceStep step) => stepIndex.TryGetValue(step.Id, out var i) ? StepAttempts[i] : 0;

    /// <summary>When <paramref name="step"/> was last served, in any cycle, if ever.</summary>
    /// <param name="step">A step of the policy.</param>
    /// <returns>The instant, or <see langword="null"/>.</returns>
    public Instant? LastAttemptOf(CadenceStep step) => stepIndex.TryGetValue(step.Id, out var i) ? StepLastAttempt[i] : null;

    /// <summary>
    /// How many outbound attempts on <paramref name="channel"/> in a row, most recent first and since its contact point
    /// was last updated, ended in one of <paramref name="failures"/>.
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="failures">The outcomes that count as failures.</param>
    /// <returns>The count.</returns>
    public int ConsecutiveFailures(Channel channel, ImmutableArray<ContactOutcome> failures)
    {
        var since = ContactPointFor(channel)?.UpdatedAt;
        var count = 0;
        for (var i = History.Length - 1; i >= 0; i--)
        {
            var a = History[i];
            if (since is { } s && a.At < s)
            {
                break;
            }

            if (a.Channel != channel || a.Direction != ContactDirection.Outbound)
            {
                continue;
            }

            if (!failures.Contains(a.Outcome))
            {
                // A booked attempt is not made yet: had it succeeded, it would not reopen a channel exhausted before it.
                if (a.At > Now)
                {
                    continue;
                }

                // Attempts at the same instant have no order: failures at the instant of a success count as after it
                // (fail closed), whatever order the sort gave them.
                for (var j = i - 1; j >= 0 && History[j].At == a.At; j--)
                {
                    var b = History[j];
                    if (b.Channel == channel && b.Direction == ContactDirection.Outbound && failures.Contains(b.Outcome))
                    {
                        count++;
                    }
                }

                break;
            }

            count++;
        }

        return count;
    }

    /// <summary>Whether <paramref name="rule"/> has exhausted <paramref name="channel"/>.</summary>
    /// <param name="rule">An exhaustion rule.</param>
    /// <param name="channel">The channel.</param>
    /// <returns><see langword="true"/> when it has.</returns>
    public bool IsExhausted(ExhaustionRule rule, Channel channel)
        => rule.AppliesTo(channel) && ConsecutiveFailures(channel, rule.FailureOutcomes) >= rule.ConsecutiveFailures;

    /// <summary>
    /// A candidate for the policy step <paramref name="stepId"/>, proposed by a custom rule; insert it into the session.
    /// Every window, cap, cooldown, block, repeat interval and the step's maximum attempts still apply to it; its day
    /// window does not (that is what proposing it is for), only the policy's horizon. Nothing is ever proposed for an
    /// account that owes nothing.
    /// </summary>
    /// <param name="stepId">The id of a step of the policy.</param>
    /// <param name="ruleName">The proposing rule's name, shown in explanations.</param>
    /// <returns>The candidate.</returns>
    /// <exception cref="ArgumentException">The policy has no such step.</exception>
    public Candidate Propose(string stepId, string ruleName)
    {
        var index = stepIndex.TryGetValue(stepId, out var i) ? i : throw new ArgumentException($"Policy '{Policy.Name}' has no step '{stepId}'.", nameof(stepId));
        return new Candidate(this, Policy.Steps[index], index, ruleName, null, byPolicy: false);
    }

    /// <summary>Lets go of the last account (its state and history), so that a pooled workspace holds no borrower's data.</summary>
    internal void Forget()
    {
        State = Forgotten;
        History = [];
    }

    /// <summary>Sets what the facts stage derived for a new account; the date cache is invalidated.</summary>
    internal void Load(BorrowerState state, Instant now, ImmutableArray<DateTimeZone> zones, ImmutableArray<ContactAttempt> history, LocalDate today, int? dayFromDue, Instant? cycleStart)
    {
        State = state;
        Now = now;
        Zones = zones;
        History = history;
        Today = today;
        DayFromDue = dayFromDue;
        CycleStart = cycleStart;
        if (attemptDates.Length < history.Length)
        {
            attemptDates = new LocalDate[Math.Max(history.Length, attemptDates.Length * 2)];
            attemptDateStamps = new int[attemptDates.Length];
        }

        stamp++;
    }

    /// <summary>The local date of the history entry at <paramref name="index"/> in the primary zone, computed once when first needed.</summary>
    internal LocalDate AttemptDate(int index)
    {
        if (attemptDateStamps[index] != stamp)
        {
            attemptDates[index] = History[index].At.InZone(Zones[0]).Date;
            attemptDateStamps[index] = stamp;
        }

        return attemptDates[index];
    }
}
