using System.Collections.Immutable;
using System.Globalization;
using Cadence.Time;
using NodaTime;

namespace Cadence;

/// <summary>
/// The facts derived once per account and evaluation instant: zones, local date, day relative to the due date,
/// sorted history and per-step counters. Inserted into the rules session; custom rules and step conditions match it.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AccountFacts
{
    private readonly int[] stepAttempts;
    private readonly Instant?[] stepLastAttempt;

    private AccountFacts(CadencePolicy policy, BorrowerState state, Instant now, ImmutableArray<DateTimeZone> zones, ImmutableArray<ContactAttempt> history)
    {
        Policy = policy;
        State = state;
        Now = now;
        Zones = zones;
        History = history;
        Today = LocalTimeResolution.DateOf(zones[0], now);
        DayFromDue = state.DueDate is { } due ? Period.DaysBetween(due, Today) : null;
        AttemptDates = [.. history.Select(a => LocalTimeResolution.DateOf(zones[0], a.At))];
        CycleStart = state.DueDate is { } dueDate && !policy.Steps.IsEmpty
            ? LocalTimeResolution.StartOfDay(zones[0], dueDate.PlusDays(Math.Min(0, policy.Steps.Min(s => s.FromDay))))
            : null;
        stepAttempts = new int[policy.Steps.Length];
        stepLastAttempt = new Instant?[policy.Steps.Length];
        foreach (var attempt in history)
        {
            if (attempt.StepId is { } id && policy.StepIndex.TryGetValue(id, out var index)
                && (attempt.Direction == ContactDirection.Outbound || attempt.Channel == Channel.None))
            {
                if (CycleStart is not { } cycle || attempt.At >= cycle)
                {
                    stepAttempts[index]++;
                }

                stepLastAttempt[index] = attempt.At;
            }
        }
    }

    /// <summary>The policy the facts were derived for.</summary>
    public CadencePolicy Policy { get; }

    /// <summary>The account's state.</summary>
    public BorrowerState State { get; }

    /// <summary>The account's id.</summary>
    public string AccountId => State.AccountId;

    /// <summary>The evaluation instant.</summary>
    public Instant Now { get; }

    /// <summary>The borrower's zones, resolved; the first one counts local dates.</summary>
    public ImmutableArray<DateTimeZone> Zones { get; }

    /// <summary>The zone local dates are counted in.</summary>
    public DateTimeZone PrimaryZone => Zones[0];

    /// <summary>Today's local date in the primary zone.</summary>
    public LocalDate Today { get; }

    /// <summary>Today's day relative to the due date (negative before it); <see langword="null"/> when nothing is owed.</summary>
    public int? DayFromDue { get; }

    /// <summary>The history sorted by instant (ties in a fixed order), so that evaluation never depends on input order.</summary>
    public ImmutableArray<ContactAttempt> History { get; }

    internal ImmutableArray<LocalDate> AttemptDates { get; }

    /// <summary>Whether the account carries <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool HasTag(string tag) => State.Tags.Contains(tag, StringComparer.Ordinal);

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
    public Instant? CycleStart { get; }

    /// <summary>How many attempts in the current cycle have served <paramref name="step"/> (outbound, or non-contact actions).</summary>
    /// <param name="step">A step of the policy.</param>
    /// <returns>The count.</returns>
    public int AttemptsOf(CadenceStep step) => Policy.StepIndex.TryGetValue(step.Id, out var i) ? stepAttempts[i] : 0;

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
        var step = Policy.FindStep(stepId) ?? throw new ArgumentException($"Policy '{Policy.Name}' has no step '{stepId}'.", nameof(stepId));
        return new Candidate(step, ruleName, null);
    }

    /// <summary>The instant the step's window ends (start of the local day after its last day).</summary>
    internal Instant? StepWindowEnd(CadenceStep step)
        => State.DueDate is { } due ? LocalTimeResolution.StartOfDay(PrimaryZone, due.PlusDays(step.ToDay + 1)) : null;

    /// <summary>Derives the facts, or says what is wrong with the account.</summary>
    internal static AccountFacts? TryCreate(CadencePolicy policy, BorrowerState state, Instant now, out string? error)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(state.AccountId))
        {
            problems.Add("accountId is empty");
        }

        var zones = ImmutableArray.CreateBuilder<DateTimeZone>(Math.Max(1, state.TimeZoneIds.Length));
        for (var i = 0; i < state.TimeZoneIds.Length; i++)
        {
            var id = state.TimeZoneIds[i];
            var zone = id is null ? null : policy.ZoneProvider.GetZoneOrNull(id);
            if (zone is null)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"timeZoneIds[{i}] '{id}' is not a known IANA time zone"));
            }
            else if (!zones.Contains(zone))
            {
                zones.Add(zone);
            }
        }

        if (state.TimeZoneIds.IsEmpty)
        {
            if (policy.DefaultZone is { } fallback)
            {
                zones.Add(fallback);
            }
            else
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
        }

        if (problems.Count > 0)
        {
            error = $"account '{state.AccountId}': {string.Join("; ", problems)}";
            return null;
        }

        error = null;
        var history = state.History.Sort(AttemptOrder.Instance);
        return new AccountFacts(policy, state, now, zones.ToImmutable(), history);
    }

    private sealed class AttemptOrder : IComparer<ContactAttempt>
    {
        public static readonly AttemptOrder Instance = new();

        public int Compare(ContactAttempt? x, ContactAttempt? y)
        {
            var c = x!.At.CompareTo(y!.At);
            if (c == 0)
            {
                c = x.Channel.CompareTo(y.Channel);
            }

            if (c == 0)
            {
                c = x.Direction.CompareTo(y.Direction);
            }

            if (c == 0)
            {
                c = x.Outcome.CompareTo(y.Outcome);
            }

            return c != 0 ? c : string.CompareOrdinal(x.StepId, y.StepId);
        }
    }
}
