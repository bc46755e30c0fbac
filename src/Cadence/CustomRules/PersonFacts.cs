using System.Collections.Immutable;
using NodaTime;

namespace Cadence.CustomRules;

/// <summary>
/// The facts derived once per person and evaluation instant: zones, local date, the sorted shared history, the contact
/// points, the person-level holds and tags, and one <see cref="AccountFacts"/> per account. Inserted into the rules
/// session beside the accounts' facts; custom rules may match it.
/// </summary>
/// <remarks>
/// Read-only to its users, and valid while its person is being evaluated: the engine reuses an instance for the next
/// person of a batch, so a rule or condition must not keep it (or its <see cref="History"/>) beyond that.
/// </remarks>
public sealed class PersonFacts
{
    private readonly IReadOnlyDictionary<string, int> stepIndex;
    private readonly AccountList accounts;
    private LocalDate[] attemptDates = [];
    private int[] attemptDateStamps = [];
    private int stamp;

    internal PersonFacts(CadencePolicy policy, IReadOnlyDictionary<string, int> stepIndex)
    {
        Policy = policy;
        this.stepIndex = stepIndex;
        accounts = new AccountList(this);
    }

    /// <summary>The policy the facts were derived for.</summary>
    public CadencePolicy Policy { get; }

    /// <summary>The person's id (an account's id when a single account was evaluated).</summary>
    public string PersonId { get; private set; } = string.Empty;

    /// <summary>The evaluation instant.</summary>
    public Instant Now { get; private set; }

    /// <summary>The person's zones, resolved; the first one counts local dates.</summary>
    public ImmutableArray<DateTimeZone> Zones { get; private set; }

    /// <summary>The zone local dates are counted in.</summary>
    public DateTimeZone PrimaryZone => Zones[0];

    /// <summary>Today's local date in the primary zone.</summary>
    public LocalDate Today { get; private set; }

    /// <summary>The shared history sorted by instant (ties in a fixed order), so that evaluation never depends on input order.</summary>
    public ImmutableArray<ContactAttempt> History { get; private set; }

    /// <summary>The person's contact points, as given.</summary>
    public ImmutableArray<ContactPoint> ContactPoints { get; private set; }

    /// <summary>The person-level holds (they apply to every account).</summary>
    public ImmutableArray<Hold> Holds { get; private set; }

    /// <summary>The person's tags.</summary>
    public ImmutableArray<string> Tags { get; private set; }

    /// <summary>The person's regions (e.g. <c>US-MA</c>).</summary>
    public ImmutableArray<string> Regions { get; private set; }

    /// <summary>The facts of each account, in the order given.</summary>
    public IReadOnlyList<AccountFacts> Accounts => accounts;

    /// <summary>The state evaluated when a single account was evaluated; <see langword="null"/> for a person.</summary>
    internal BorrowerState? Single { get; private set; }

    /// <summary>The person evaluated; <see langword="null"/> when a single account was.</summary>
    internal Person? Source { get; private set; }

    /// <summary>Whether the person carries <paramref name="tag"/> (person-level tags only).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool HasTag(string tag) => Contains(Tags, tag);

    /// <summary>The first person-level hold of <paramref name="kind"/> in effect now, if any.</summary>
    /// <param name="kind">The hold kind.</param>
    /// <returns>The hold, or <see langword="null"/>.</returns>
    public Hold? ActiveHold(HoldKind kind) => ActiveIn(Holds, kind, Now);

    /// <summary>The person's first contact point on <paramref name="channel"/>, if any.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The contact point, or <see langword="null"/>.</returns>
    public ContactPoint? FirstContactPoint(Channel channel)
    {
        foreach (var point in ContactPoints)
        {
            if (point.Channel == channel)
            {
                return point;
            }
        }

        return null;
    }

    /// <summary>The contact point with <paramref name="id"/>, if any.</summary>
    /// <param name="id">A contact point id.</param>
    /// <returns>The contact point, or <see langword="null"/>.</returns>
    public ContactPoint? FindContactPoint(string id)
    {
        foreach (var point in ContactPoints)
        {
            if (string.Equals(point.Id, id, StringComparison.Ordinal))
            {
                return point;
            }
        }

        return null;
    }

    /// <summary>
    /// How many outbound attempts on <paramref name="point"/> in a row, most recent first and since it was last updated,
    /// ended in one of <paramref name="failures"/> or in <see cref="ContactOutcome.Unknown"/> (which always counts as a
    /// failure, failing closed). An attempt that names no point counts for every point of its channel.
    /// </summary>
    /// <param name="point">The contact point.</param>
    /// <param name="failures">The outcomes that count as failures.</param>
    /// <returns>The count.</returns>
    public int ConsecutiveFailures(ContactPoint point, ImmutableArray<ContactOutcome> failures)
    {
        ArgumentNullException.ThrowIfNull(point);
        var since = point.UpdatedAt;
        var count = 0;
        for (var i = History.Length - 1; i >= 0; i--)
        {
            var a = History[i];
            if (since is { } s && a.At < s)
            {
                break;
            }

            if (a.Direction != ContactDirection.Outbound || !a.Uses(point))
            {
                continue;
            }

            if (!OutcomeSet.Includes(failures, a.Outcome))
            {
                // A booked attempt is not made yet: had it succeeded, it would not reopen a point exhausted before it.
                if (a.At > Now)
                {
                    continue;
                }

                // Attempts at the same instant have no order: failures at the instant of a success count as after it
                // (fail closed), whatever order the sort gave them.
                for (var j = i - 1; j >= 0 && History[j].At == a.At; j--)
                {
                    var b = History[j];
                    if (b.Direction == ContactDirection.Outbound && b.Uses(point) && OutcomeSet.Includes(failures, b.Outcome))
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

    /// <summary>Whether <paramref name="rule"/> has exhausted <paramref name="point"/>.</summary>
    /// <param name="rule">An exhaustion rule.</param>
    /// <param name="point">The contact point.</param>
    /// <returns><see langword="true"/> when it has.</returns>
    public bool IsExhausted(ExhaustionRule rule, ContactPoint point)
        => Guard(rule).AppliesTo(point.Channel) && ConsecutiveFailures(point, rule.FailureOutcomes) >= rule.ConsecutiveFailures;

    /// <summary>
    /// Whether a rule limited to <paramref name="regions"/> applies to the person: when one of the person's regions lies
    /// in one of them (<c>US</c> holds <c>US-MA</c>), when one of them lies in a region of the person (a person known only
    /// to live in <c>US</c> may live in <c>US-MA</c>), when the rule names no region, and when the person's regions are
    /// not known (failing closed: the rule applies).
    /// </summary>
    /// <param name="regions">The regions a rule applies to.</param>
    /// <returns><see langword="true"/> when the rule applies to the person.</returns>
    public bool IsIn(ImmutableArray<string> regions)
    {
        if (regions.IsDefaultOrEmpty || Regions.IsDefaultOrEmpty)
        {
            return true;
        }

        foreach (var mine in Regions)
        {
            foreach (var region in regions)
            {
                if (string.Equals(mine, region, StringComparison.OrdinalIgnoreCase) || Within(mine, region) || Within(region, mine))
                {
                    return true;
                }
            }
        }

        return false;
    }

    internal static bool Contains(ImmutableArray<string> tags, string tag)
    {
        foreach (var t in tags)
        {
            if (string.Equals(t, tag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal static Hold? ActiveIn(ImmutableArray<Hold> holds, HoldKind kind, Instant now)
    {
        foreach (var hold in holds)
        {
            if (hold.Kind == kind && hold.IsActiveAt(now))
            {
                return hold;
            }
        }

        return null;
    }

    /// <summary>Sets the person-level facts of a single account; its one account is then loaded by the deriver.</summary>
    internal void Load(BorrowerState state, Instant now, ImmutableArray<DateTimeZone> zones, ImmutableArray<ContactAttempt> history, LocalDate today)
    {
        Single = state;
        Source = null;
        Load(state.AccountId, now, zones, history, today, state.ContactPoints, state.Holds, state.Tags, []);
        accounts.Count = 0;
    }

    /// <summary>Sets the person-level facts of a person; its accounts are then loaded by the deriver.</summary>
    internal void Load(Person person, Instant now, ImmutableArray<DateTimeZone> zones, ImmutableArray<ContactAttempt> history, LocalDate today)
    {
        Single = null;
        Source = person;
        Load(person.PersonId, now, zones, history, today, person.ContactPoints, person.Holds, person.Tags, person.Regions);
        accounts.Count = 0;
    }

    /// <summary>The next account's facts, reused from person to person.</summary>
    internal AccountFacts NextAccount() => accounts.Next(stepIndex);

    /// <summary>Lets go of the last person (state, history, accounts), so that a pooled workspace holds no borrower's data.</summary>
    internal void Forget()
    {
        Single = null;
        Source = null;
        PersonId = string.Empty;
        History = [];
        ContactPoints = [];
        Holds = [];
        Tags = [];
        Regions = [];
        accounts.Forget();
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

    /// <summary>Whether region <paramref name="inner"/> is a subdivision of <paramref name="outer"/> (<c>US-MA</c> of <c>US</c>).</summary>
    private static bool Within(string inner, string outer)
        => inner.Length > outer.Length && inner[outer.Length] == '-' && inner.StartsWith(outer, StringComparison.OrdinalIgnoreCase);

    private static ExhaustionRule Guard(ExhaustionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule;
    }

    private void Load(string id, Instant now, ImmutableArray<DateTimeZone> zones, ImmutableArray<ContactAttempt> history, LocalDate today, ImmutableArray<ContactPoint> points, ImmutableArray<Hold> holds, ImmutableArray<string> tags, ImmutableArray<string> regions)
    {
        PersonId = id;
        Now = now;
        Zones = zones;
        History = history;
        Today = today;
        ContactPoints = points;
        Holds = holds;
        Tags = tags;
        Regions = regions;
        if (attemptDates.Length < history.Length)
        {
            attemptDates = new LocalDate[Math.Max(history.Length, attemptDates.Length * 2)];
            attemptDateStamps = new int[attemptDates.Length];
        }

        stamp++;
    }

    /// <summary>The reused accounts of a person: a list view over a growing array of facts.</summary>
    private sealed class AccountList(PersonFacts person) : IReadOnlyList<AccountFacts>
    {
        private AccountFacts[] items = [];

        public int Count { get; set; }

        public AccountFacts this[int index] => (uint)index < (uint)Count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));

        public AccountFacts Next(IReadOnlyDictionary<string, int> stepIndex)
        {
            if (Count == items.Length)
            {
                Array.Resize(ref items, Math.Max(2, items.Length * 2));
            }

            var facts = items[Count] ??= new AccountFacts(person, stepIndex);
            Count++;
            return facts;
        }

        public void Forget()
        {
            foreach (var facts in items)
            {
                facts?.Forget();
            }

            Count = 0;
        }

        public IEnumerator<AccountFacts> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return items[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
