using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using Cadence.Time;
using NodaTime;

namespace Cadence;

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
    private readonly int[] stepAttempts;
    private readonly Instant?[] stepLastAttempt;
    private readonly Dictionary<int, ContactAttempt[]> sortBuffers = [];
    private LocalDate[] attemptDates = [];
    private int[] attemptDateStamps = [];
    private int stamp;

    internal AccountFacts(CadencePolicy policy)
    {
        Policy = policy;
        stepAttempts = new int[policy.Steps.Length];
        stepLastAttempt = new Instant?[policy.Steps.Length];
    }

    /// <summary>Derives the facts of <paramref name="state"/> into this instance, reusing its buffers (a sort buffer is made once per history length).</summary>
    /// <returns><see langword="false"/>, with <paramref name="error"/> saying what is wrong, for an invalid account.</returns>
    internal bool TryReset(BorrowerState state, Instant now, out string? error)
    {
        if (!IsValid(Policy, state))
        {
            error = DescribeProblems(Policy, state);
            return false;
        }

        error = null;
        State = state;
        Now = now;
        Zones = Policy.ZoneSet(state.TimeZoneIds);
        var zone = Zones[0];
        History = SortedHistory(state.History);
        Today = LocalTimeResolution.DateOf(zone, now);
        DayFromDue = state.DueDate is { } due ? Period.DaysBetween(due, Today) : null;
        CycleStart = state.DueDate is { } dueDate && !Policy.Steps.IsEmpty
            ? LocalTimeResolution.StartOfDay(zone, dueDate.PlusDays(Math.Min(0, Policy.Plan.EarliestFromDay)))
            : null;

        if (attemptDates.Length < History.Length)
        {
            attemptDates = new LocalDate[Math.Max(History.Length, attemptDates.Length * 2)];
            attemptDateStamps = new int[attemptDates.Length];
        }

        stamp++;

        Array.Clear(stepAttempts);
        Array.Clear(stepLastAttempt);
        for (var i = 0; i < History.Length; i++)
        {
            var attempt = History[i];
            if (attempt.StepId is { } id && Policy.StepIndex.TryGetValue(id, out var index)
                && (attempt.Direction == ContactDirection.Outbound || attempt.Channel == Channel.None))
            {
                if (CycleStart is not { } cycle || attempt.At >= cycle)
                {
                    stepAttempts[index]++;
                }

                stepLastAttempt[index] = attempt.At;
            }
        }

        return true;
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

    /// <summary>Today's day relative to the due date (negative before it); <see langword="null"/> when nothing is owed.</summary>
    public int? DayFromDue { get; private set; }

    /// <summary>The history sorted by instant (ties in a fixed order), so that evaluation never depends on input order.</summary>
    public ImmutableArray<ContactAttempt> History { get; private set; }

    /// <summary>The local date of the history entry at <paramref name="index"/> in the primary zone, computed once when first needed.</summary>
    internal LocalDate AttemptDate(int index)
    {
        if (attemptDateStamps[index] != stamp)
        {
            attemptDates[index] = LocalTimeResolution.DateOf(Zones[0], History[index].At);
            attemptDateStamps[index] = stamp;
        }

        return attemptDates[index];
    }

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

    /// <summary>
    /// When the current due date's cycle began: the start of the local due date, or of the first day a step of the
    /// policy can be due before it (e.g. a reminder a week ahead), whichever is earlier. Attempts before it served an earlier instalment or delinquency and do not count as serving this
    /// cycle's steps (they still count for caps, cooldowns, exhaustion and repeat intervals).
    /// </summary>
    public Instant? CycleStart { get; private set; }

    /// <summary>How many attempts in the current cycle have served <paramref name="step"/> (outbound, or non-contact actions).</summary>
    /// <param name="step">A step of the policy.</param>
    /// <returns>The count.</returns>
    public int AttemptsOf(CadenceStep step) => Policy.StepIndex.TryGetValue(step.Id, out var i) ? stepAttempts[i] : 0;

    /// <summary>How many attempts in the current cycle have served the policy's step at <paramref name="stepIndex"/>.</summary>
    internal int AttemptsOf(int stepIndex) => stepAttempts[stepIndex];

    /// <summary>When the policy's step at <paramref name="stepIndex"/> was last served, if ever.</summary>
    internal Instant? LastAttemptOf(int stepIndex) => stepLastAttempt[stepIndex];

    /// <summary>When <paramref name="step"/> was last served, in any cycle, if ever.</summary>
    /// <param name="step">A step of the policy.</param>
    /// <returns>The instant, or <see langword="null"/>.</returns>
    public Instant? LastAttemptOf(CadenceStep step) => Policy.StepIndex.TryGetValue(step.Id, out var i) ? stepLastAttempt[i] : null;

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
    /// window does not (that is what proposing it is for), only the policy's horizon.
    /// </summary>
    /// <param name="stepId">The id of a step of the policy.</param>
    /// <param name="ruleName">The proposing rule's name, shown in explanations.</param>
    /// <returns>The candidate.</returns>
    /// <exception cref="ArgumentException">The policy has no such step.</exception>
    public Candidate Propose(string stepId, string ruleName)
    {
        var index = Policy.StepIndex.TryGetValue(stepId, out var i) ? i : throw new ArgumentException($"Policy '{Policy.Name}' has no step '{stepId}'.", nameof(stepId));
        return new Candidate(this, Policy.Steps[index], index, ruleName, null);
    }

    /// <summary>The instant the step's window ends (start of the local day after its last day).</summary>
    internal Instant? StepWindowEnd(CadenceStep step)
        => State.DueDate is { } due ? LocalTimeResolution.StartOfDay(PrimaryZone, due.PlusDays(step.ToDay + 1)) : null;

    /// <summary>Derives the facts in a new instance, or says what is wrong with the account.</summary>
    internal static AccountFacts? TryCreate(CadencePolicy policy, BorrowerState state, Instant now, out string? error)
    {
        var facts = new AccountFacts(policy);
        return facts.TryReset(state, now, out error) ? facts : null;
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

    /// <summary>Whether the account can be evaluated; allocates nothing.</summary>
    private static bool IsValid(CadencePolicy policy, BorrowerState state)
    {
        if (string.IsNullOrWhiteSpace(state.AccountId) || (state.TimeZoneIds.IsEmpty && policy.DefaultZone is null))
        {
            return false;
        }

        foreach (var id in state.TimeZoneIds)
        {
            if (id is null || policy.ZoneProvider.GetZoneOrNull(id) is null)
            {
                return false;
            }
        }

        var channels = 0;
        foreach (var point in state.ContactPoints)
        {
            if (point is null || point.Channel == Channel.None || !Enum.IsDefined(point.Channel) || (channels & (1 << (int)point.Channel)) != 0)
            {
                return false;
            }

            channels |= 1 << (int)point.Channel;
        }

        foreach (var hold in state.Holds)
        {
            if (hold is null || string.IsNullOrWhiteSpace(hold.Kind.Name) || (hold.Until is { } until && (until < hold.From || !InRange(until))) || !InRange(hold.From))
            {
                return false;
            }
        }

        foreach (var a in state.History)
        {
            if (a is null || !Enum.IsDefined(a.Channel) || !Enum.IsDefined(a.Direction) || !Enum.IsDefined(a.Outcome) || !InRange(a.At))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every problem of an invalid account, in plain words.</summary>
    private static string DescribeProblems(CadencePolicy policy, BorrowerState state)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(state.AccountId))
        {
            problems.Add("accountId is empty");
        }

        for (var i = 0; i < state.TimeZoneIds.Length; i++)
        {
            var id = state.TimeZoneIds[i];
            var zone = id is null ? null : policy.ZoneProvider.GetZoneOrNull(id);
            if (zone is null)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"timeZoneIds[{i}] '{id}' is not a known IANA time zone"));
            }
        }

        if (state.TimeZoneIds.IsEmpty)
        {
            if (policy.DefaultZone is null)
            {
                problems.Add($"the account has no time zone and policy '{policy.Name}' has no default zone");
            }
        }

        var channels = new HashSet<Channel>();
        for (var i = 0; i < state.ContactPoints.Length; i++)
        {
            var point = state.ContactPoints[i];
            if (point is null)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"contactPoints[{i}] is null"));
            }
            else if (point.Channel == Channel.None || !Enum.IsDefined(point.Channel))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"contactPoints[{i}] has no valid channel"));
            }
            else if (!channels.Add(point.Channel))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"contactPoints[{i}] is a second contact point for {point.Channel}"));
            }
        }

        for (var i = 0; i < state.Holds.Length; i++)
        {
            var hold = state.Holds[i];
            if (hold is null || string.IsNullOrWhiteSpace(hold.Kind.Name))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"holds[{i}] has no kind"));
            }
            else if (!InRange(hold.From) || (hold.Until is { } end && !InRange(end)))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"holds[{i}] ('{hold.Kind}') is outside the years 2 to 9998"));
            }
            else if (hold.Until is { } until && until < hold.From)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"holds[{i}] ('{hold.Kind}') ends ({until}) before it starts ({hold.From})"));
            }
        }

        for (var i = 0; i < state.History.Length; i++)
        {
            var a = state.History[i];
            if (a is null)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"history[{i}] is null"));
            }
            else if (!Enum.IsDefined(a.Channel) || !Enum.IsDefined(a.Direction) || !Enum.IsDefined(a.Outcome))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"history[{i}] has an unknown channel, direction or outcome"));
            }
            else if (!InRange(a.At))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"history[{i}] is at {a.At}, outside the years 2 to 9998"));
            }
        }

        return $"account '{state.AccountId}': {string.Join("; ", problems)}";
    }

    /// <summary>Instants whose local date every zone can compute, with room for any offset and cooldown.</summary>
    private static readonly Instant Earliest = Instant.FromUtc(2, 1, 1, 0, 0);

    private static readonly Instant Latest = Instant.FromUtc(9998, 12, 31, 0, 0);

    private static bool InRange(Instant instant) => instant >= Earliest && instant <= Latest;

    private sealed class AttemptOrder : IComparer<ContactAttempt>
    {
        public static readonly AttemptOrder Instance = new();

        /// <summary>The same order as a cached delegate, so that sorting allocates nothing.</summary>
        public static readonly Comparison<ContactAttempt> Comparison = Instance.Compare;

        // Enum.CompareTo(object) boxes both operands (2 x 24 B): compare the underlying values instead.
        public int Compare(ContactAttempt? x, ContactAttempt? y)
        {
            var c = x!.At.CompareTo(y!.At);
            if (c == 0)
            {
                c = ((int)x.Channel).CompareTo((int)y.Channel);
            }

            if (c == 0)
            {
                c = ((int)x.Direction).CompareTo((int)y.Direction);
            }

            if (c == 0)
            {
                c = ((int)x.Outcome).CompareTo((int)y.Outcome);
            }

            return c != 0 ? c : string.CompareOrdinal(x.StepId, y.StepId);
        }
    }
}
